package crm.segment.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of the AST, for programs (UIs, API clients); it round-trips with the text form. Every node is an
 * object with exactly one member naming its kind:
 * <pre>
 * {"and": [c, c, ...]}   {"or": [c, c, ...]}   {"not": c}
 * {"compare": {"trait": "orders_count", "op": ">=", "value": V}}
 * {"in": {"trait": "country", "values": ["FR", "BE"]}}
 * {"contains": {"trait": "email", "value": "@gmail."}}
 * {"exists": {"trait": "email"}}
 * {"within": {"trait": "lost_checkout_date", "amount": 2, "unit": "hours"}}
 * {"top": {"trait": "engagement_score", "percent": 10}}
 * {"inSegment": {"name": "Customers"}}   (or {"key": "customers"} or {"id": "..."})
 * V := number | "string" | true | false
 *    | {"date": "2024-01-31T00:00:00Z"}
 *    | {"now": {"amount": -15, "unit": "days"}}          (units: minutes hours days weeks months years)
 *    | {"average": {"trait": "average_basket", "factor": 1.5}}
 * </pre>
 * Reading validates like the parser; errors name the JSON pointer of the offending member.
 */
public final class ConditionJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ConditionJson() {
    }

    public static JsonNode write(Condition condition) {
        ObjectNode node = NODES.objectNode();
        if (condition instanceof And a) {
            ArrayNode operands = node.putArray("and");
            a.operands().forEach(o -> operands.add(write(o)));
        } else if (condition instanceof Or o) {
            ArrayNode operands = node.putArray("or");
            o.operands().forEach(x -> operands.add(write(x)));
        } else if (condition instanceof Not n) {
            node.set("not", write(n.operand()));
        } else if (condition instanceof Comparison c) {
            ObjectNode body = node.putObject("compare");
            body.put("trait", c.trait());
            body.put("op", c.operator().symbol());
            body.set("value", value(c.literal()));
        } else if (condition instanceof InList l) {
            ObjectNode body = node.putObject("in");
            body.put("trait", l.trait());
            ArrayNode values = body.putArray("values");
            l.values().forEach(v -> values.add(value(v)));
        } else if (condition instanceof Contains c) {
            ObjectNode body = node.putObject("contains");
            body.put("trait", c.trait());
            body.put("value", c.fragment());
        } else if (condition instanceof Exists e) {
            node.putObject("exists").put("trait", e.trait());
        } else if (condition instanceof Within w) {
            ObjectNode body = node.putObject("within");
            body.put("trait", w.trait());
            body.put("amount", w.amount());
            body.put("unit", w.unit().jsonName());
        } else if (condition instanceof Top t) {
            ObjectNode body = node.putObject("top");
            body.put("trait", t.trait());
            body.put("percent", t.percent());
        } else if (condition instanceof InSegment s) {
            node.putObject("inSegment").put(s.segment().kind().name().toLowerCase(Locale.ROOT), s.segment().value());
        }
        return node;
    }

    private static JsonNode value(Literal literal) {
        if (literal instanceof Literal.Number n) return NODES.numberNode(n.value());
        if (literal instanceof Literal.Text t) return NODES.textNode(t.value());
        if (literal instanceof Literal.Bool b) return NODES.booleanNode(b.value());
        ObjectNode node = NODES.objectNode();
        if (literal instanceof Literal.Time t) {
            node.put("date", t.at().toString());
        } else if (literal instanceof Literal.Now n) {
            ObjectNode now = node.putObject("now");
            now.put("amount", n.amount());
            now.put("unit", n.unit().jsonName());
        } else if (literal instanceof Literal.AverageTimes a) {
            ObjectNode average = node.putObject("average");
            average.put("trait", a.trait());
            average.put("factor", a.factor());
        }
        return node;
    }

    public static Condition read(JsonNode json) {
        return read(json, ConditionParser.SegmentCheck.NONE);
    }

    public static Condition read(JsonNode json, ConditionParser.SegmentCheck segmentCheck) {
        refuseNul(json, "");
        return new Reader(segmentCheck).condition(json, "");
    }

    /** PostgreSQL text cannot hold NUL: bound as a parameter it would fail the query (a 5xx), not the condition. */
    private static void refuseNul(JsonNode node, String path) {
        if (node == null) return;
        if (node.isTextual() && node.asText().indexOf('\u0000') >= 0) throw InvalidCondition.at(path, "a string cannot contain NUL");
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) refuseNul(node.get(i), path + "/" + i);
        }
        node.fields().forEachRemaining(field -> {
            String at = path + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
            if (field.getKey().indexOf('\u0000') >= 0) throw InvalidCondition.at(at, "a name cannot contain NUL");
            refuseNul(field.getValue(), at);
        });
    }

    private record Reader(ConditionParser.SegmentCheck segmentCheck) {

        Condition condition(JsonNode node, String path) {
            if (node == null || !node.isObject() || node.size() != 1) {
                throw InvalidCondition.at(path, "expected an object with one member naming the condition (and, or, not, compare, in, "
                        + "contains, exists, within, top, inSegment)");
            }
            Map.Entry<String, JsonNode> only = node.fields().next();
            String kind = only.getKey();
            JsonNode body = only.getValue();
            String at = path + "/" + kind;
            return switch (kind) {
                case "and", "or" -> {
                    if (!body.isArray() || body.size() < 2) throw InvalidCondition.at(at, "'" + kind + "' needs an array of at least two conditions");
                    List<Condition> operands = new ArrayList<>();
                    for (int i = 0; i < body.size(); i++) operands.add(condition(body.get(i), at + "/" + i));
                    yield kind.equals("and") ? new And(operands) : new Or(operands);
                }
                case "not" -> new Not(condition(body, at));
                case "compare" -> {
                    String trait = trait(body, at);
                    String symbol = text(body, "op", at);
                    Operator op = Operator.ofSymbol(symbol).orElseThrow(() -> InvalidCondition.at(at + "/op", "unknown operator '" + symbol
                            + "' (use = != < <= > >=)"));
                    Literal literal = literal(body.get("value"), at + "/value", TraitCatalogue.typeOf(trait).orElseThrow());
                    yield build(at + "/value", () -> new Comparison(trait, op, literal));
                }
                case "in" -> {
                    String trait = trait(body, at);
                    JsonNode values = body.get("values");
                    if (values == null || !values.isArray()) throw InvalidCondition.at(at + "/values", "expected an array of values");
                    List<Literal> literals = new ArrayList<>();
                    for (int i = 0; i < values.size(); i++) literals.add(scalar(values.get(i), at + "/values/" + i));
                    yield build(at + "/values", () -> new InList(trait, literals));
                }
                case "contains" -> {
                    String trait = trait(body, at);
                    String fragment = text(body, "value", at);
                    yield build(at, () -> new Contains(trait, fragment));
                }
                case "exists" -> new Exists(trait(body, at));
                case "within" -> {
                    String trait = trait(body, at);
                    long amount = amount(body, at);
                    SpanUnit unit = unit(body, at);
                    yield build(at, () -> new Within(trait, amount, unit));
                }
                case "top" -> {
                    String trait = trait(body, at);
                    JsonNode percent = body.get("percent");
                    if (percent == null || !percent.isNumber()) throw InvalidCondition.at(at + "/percent", "expected a number");
                    yield build(at, () -> new Top(trait, percent.decimalValue()));
                }
                case "inSegment" -> {
                    if (!body.isObject() || body.size() != 1) throw InvalidCondition.at(at, "expected one of name, key or id");
                    Map.Entry<String, JsonNode> ref = body.fields().next();
                    SegmentRef.Kind refKind;
                    try {
                        refKind = SegmentRef.Kind.valueOf(ref.getKey().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw InvalidCondition.at(at, "expected one of name, key or id, not '" + ref.getKey() + "'");
                    }
                    if (!ref.getValue().isTextual()) throw InvalidCondition.at(at + "/" + ref.getKey(), "expected a string");
                    SegmentRef segment = new SegmentRef(refKind, ref.getValue().asText());
                    build(at + "/" + ref.getKey(), () -> {
                        segmentCheck.check(segment);
                        return segment;
                    });
                    yield new InSegment(segment);
                }
                default -> throw InvalidCondition.at(path, "unknown condition '" + kind + "' (use and, or, not, compare, in, contains, "
                        + "exists, within, top, inSegment)");
            };
        }

        private String trait(JsonNode body, String at) {
            String trait = text(body, "trait", at);
            return build(at + "/trait", () -> {
                TraitCatalogue.require(trait);
                return trait;
            });
        }

        private static String text(JsonNode body, String field, String at) {
            JsonNode value = body == null ? null : body.get(field);
            if (value == null || !value.isTextual()) throw InvalidCondition.at(at + "/" + field, "expected a string");
            return value.asText();
        }

        private static long amount(JsonNode body, String at) {
            JsonNode value = body.get("amount");
            if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || Math.abs(value.asLong()) > 999_999_999L) {
                throw InvalidCondition.at(at + "/amount", "expected a whole number of at most 9 digits");
            }
            return value.asLong();
        }

        private static SpanUnit unit(JsonNode body, String at) {
            String unit = text(body, "unit", at);
            for (SpanUnit u : SpanUnit.values()) {
                if (u.jsonName().equals(unit)) return u;
            }
            throw InvalidCondition.at(at + "/unit", "unknown unit '" + unit + "' (use minutes, hours, days, weeks, months or years)");
        }

        private Literal literal(JsonNode value, String at, TraitType type) {
            if (value != null && value.isObject()) {
                if (value.size() != 1) throw InvalidCondition.at(at, "expected one of date, now or average");
                Map.Entry<String, JsonNode> only = value.fields().next();
                String inner = at + "/" + only.getKey();
                switch (only.getKey()) {
                    case "date": {
                        Instant instant = only.getValue().isTextual() ? Facts.instant(only.getValue().asText()) : null;
                        if (instant == null) throw InvalidCondition.at(inner, "expected a date such as \"2024-01-31T00:00:00Z\"");
                        return new Literal.Time(instant);
                    }
                    case "now":
                        return new Literal.Now(amount(only.getValue(), inner), unit(only.getValue(), inner));
                    case "average": {
                        String trait = text(only.getValue(), "trait", inner);
                        JsonNode factor = only.getValue().get("factor");
                        if (factor == null || !factor.isNumber()) throw InvalidCondition.at(inner + "/factor", "expected a number");
                        return build(inner, () -> new Literal.AverageTimes(factor.decimalValue(), trait));
                    }
                    default:
                        throw InvalidCondition.at(at, "expected one of date, now or average, not '" + only.getKey() + "'");
                }
            }
            Literal literal = scalar(value, at);
            if (literal instanceof Literal.Text t && type == TraitType.TIME) {
                Instant instant = Facts.instant(t.value());
                if (instant == null) throw InvalidCondition.at(at, "\"" + t.value() + "\" is not a date");
                return new Literal.Time(instant);
            }
            return literal;
        }

        private static Literal scalar(JsonNode value, String at) {
            if (value != null && value.isNumber()) return new Literal.Number(value.decimalValue());
            if (value != null && value.isTextual()) return new Literal.Text(value.asText());
            if (value != null && value.isBoolean()) return new Literal.Bool(value.asBoolean());
            throw InvalidCondition.at(at, "expected a number, a string or a boolean");
        }

        private static <T> T build(String at, java.util.function.Supplier<T> node) {
            try {
                return node.get();
            } catch (InvalidCondition e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw InvalidCondition.at(at, e.getMessage());
            }
        }
    }
}
