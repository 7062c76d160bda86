package crm.segment.condition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Parses and validates the text form of a condition. Grammar (keywords case-insensitive):
 * <pre>
 * condition  := or
 * or         := and ("or" and)*
 * and        := unary ("and" unary)*
 * unary      := "not" unary | primary
 * primary    := "(" condition ")"
 *             | "in" "segment" (string | "key" string | "id" string)
 *             | trait "exists"
 *             | trait "contains" string
 *             | trait "within" span
 *             | trait "in" "top" number "%"
 *             | trait "in" "(" literal ("," literal)* ")"
 *             | trait operator value
 * trait      := name | "custom." name | "category_interest." (name | string)
 * operator   := "=" | "!=" | "<" | "<=" | ">" | ">="
 * value      := literal | "now" [("+" | "-") span] | number "x" "avg" "(" trait ")"
 * literal    := number | "double-quoted string" | true | false     (a string is a date for date traits)
 * span       := whole-number unit, e.g. 15d, 2h, 30min, 3 months, 1y  (units: min h d w months y)
 * </pre>
 * Every error is a {@link ConditionSyntaxException} naming the line and column: syntax, unknown traits, wrong types,
 * and (when a {@link SegmentCheck} is given) references to segments that do not exist or would make a cycle.
 */
public final class ConditionParser {
    private final List<Token> tokens;
    private final SegmentCheck segmentCheck;
    private int next;

    /** Checks a reference to another segment; throws {@link IllegalArgumentException} with the reason to refuse it. */
    @FunctionalInterface
    public interface SegmentCheck {
        SegmentCheck NONE = ref -> {
        };

        void check(SegmentRef ref);
    }

    private ConditionParser(List<Token> tokens, SegmentCheck segmentCheck) {
        this.tokens = tokens;
        this.segmentCheck = segmentCheck;
    }

    public static Condition parse(String text) {
        return parse(text, SegmentCheck.NONE);
    }

    public static Condition parse(String text, SegmentCheck segmentCheck) {
        if (text == null) throw new ConditionSyntaxException(1, 1, "expected a condition but found nothing");
        ConditionParser parser = new ConditionParser(new Lexer(text).tokens(), segmentCheck);
        Condition condition = parser.or();
        Token trailing = parser.peek();
        if (trailing.kind() != Kind.END) {
            throw parser.error(trailing, "expected 'and', 'or' or the end but found " + trailing.describe());
        }
        return condition;
    }

    private Condition or() {
        List<Condition> operands = new ArrayList<>(List.of(and()));
        while (peek().isKeyword("or")) {
            next++;
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new Or(operands);
    }

    private Condition and() {
        List<Condition> operands = new ArrayList<>(List.of(unary()));
        while (peek().isKeyword("and")) {
            next++;
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : new And(operands);
    }

    private Condition unary() {
        if (peek().isKeyword("not")) {
            next++;
            return new Not(unary());
        }
        return primary();
    }

    private Condition primary() {
        Token token = take();
        if (token.kind() == Kind.OPEN) {
            Condition inner = or();
            Token close = take();
            if (close.kind() != Kind.CLOSE) {
                throw error(close, "expected ')' to close the '(' at line " + token.line() + ", column " + token.column()
                        + " but found " + close.describe());
            }
            return inner;
        }
        if (token.isKeyword("in")) return inSegment(token);
        if (token.kind() != Kind.WORD || TraitCatalogue.isKeyword(token.text())) {
            throw error(token, "expected a condition (a trait, 'not', 'in segment' or '(') but found " + token.describe());
        }
        String trait = token.text();
        TraitType type = build(token, () -> TraitCatalogue.require(trait));
        Token operator = take();
        if (operator.isKeyword("exists")) return new Exists(trait);
        if (operator.isKeyword("contains")) {
            Token fragment = take();
            if (fragment.kind() != Kind.STRING) throw error(fragment, "expected a \"string\" after contains but found " + fragment.describe());
            return build(operator, () -> new Contains(trait, fragment.text()));
        }
        if (operator.isKeyword("within")) {
            Token at = peek();
            Span span = span("within");
            return build(operator, () -> new Within(trait, span.amount(), span.unit()));
        }
        if (operator.isKeyword("in")) {
            Token after = take();
            if (after.isKeyword("top")) return top(trait, after);
            if (after.kind() == Kind.OPEN) return list(trait, operator);
            throw error(after, "expected 'top' or '(' after 'in' but found " + after.describe());
        }
        if (operator.kind() != Kind.OPERATOR) {
            throw error(operator, "expected an operator (= != < <= > >=), 'exists', 'contains', 'within' or 'in' after "
                    + trait + " but found " + operator.describe());
        }
        Operator op = Operator.ofSymbol(operator.text()).orElseThrow();
        Token valueToken = peek();
        Literal literal = value(op, type);
        return build(valueToken, () -> new Comparison(trait, op, literal));
    }

    private Condition inSegment(Token in) {
        Token segment = take();
        if (!segment.isKeyword("segment")) throw error(segment, "expected 'segment' after 'in' but found " + segment.describe());
        Token what = take();
        SegmentRef.Kind kind = SegmentRef.Kind.NAME;
        if (what.isKeyword("key") || what.isKeyword("id")) {
            kind = what.isKeyword("key") ? SegmentRef.Kind.KEY : SegmentRef.Kind.ID;
            what = take();
        }
        if (what.kind() != Kind.STRING) {
            throw error(what, "expected the segment's \"name\" (or key \"...\" or id \"...\") but found " + what.describe());
        }
        SegmentRef ref = new SegmentRef(kind, what.text());
        Token at = what;
        build(at, () -> {
            segmentCheck.check(ref);
            return ref;
        });
        return new InSegment(ref);
    }

    private Condition top(String trait, Token topToken) {
        Token number = take();
        boolean percentAttached = number.kind() == Kind.NUMBER && "%".equals(number.suffix());
        if (number.kind() != Kind.NUMBER || !(percentAttached || number.suffix().isEmpty())) {
            throw error(number, "expected a percentage such as 10% after 'top' but found " + number.describe());
        }
        if (!percentAttached) {
            Token percent = take();
            if (percent.kind() != Kind.PERCENT) throw error(percent, "expected '%' after " + number.text() + " but found " + percent.describe());
        }
        BigDecimal percent = new BigDecimal(number.text());
        return build(number, () -> new Top(trait, percent));
    }

    private Condition list(String trait, Token in) {
        List<Literal> values = new ArrayList<>();
        Token first = peek();
        while (true) {
            Token t = take();
            values.add(literal(t, "in ("));
            Token separator = take();
            if (separator.kind() == Kind.CLOSE) break;
            if (separator.kind() != Kind.COMMA) throw error(separator, "expected ',' or ')' in the list but found " + separator.describe());
        }
        return build(first, () -> new InList(trait, values));
    }

    private Literal value(Operator op, TraitType type) {
        Token token = take();
        if (token.isKeyword("now")) return now();
        if (token.kind() == Kind.NUMBER && (token.suffix().equalsIgnoreCase("x") || peek().isKeyword("x"))) {
            if (!token.suffix().equalsIgnoreCase("x")) take();
            return average(token);
        }
        Literal literal = literal(token, op.symbol());
        if (literal instanceof Literal.Text t && type == TraitType.TIME) {
            java.time.Instant at = Facts.instant(t.value());
            if (at == null) throw error(token, "\"" + t.value() + "\" is not a date (write 2024-01-31 or 2024-01-31T10:00:00Z)");
            return new Literal.Time(at);
        }
        return literal;
    }

    private Literal now() {
        Token sign = peek();
        boolean attachedSign = sign.kind() == Kind.NUMBER && sign.text().startsWith("-");
        if (sign.kind() != Kind.SIGN && !attachedSign) return new Literal.Now(0, SpanUnit.DAYS);
        int direction = -1;
        if (sign.kind() == Kind.SIGN) {
            next++;
            direction = sign.text().equals("-") ? -1 : 1;
        }
        Span span = span("now " + (direction < 0 ? "-" : "+"));
        return new Literal.Now(direction * span.amount(), span.unit());
    }

    private Literal average(Token factorToken) {
        BigDecimal factor = new BigDecimal(factorToken.text());
        Token avg = take();
        if (!avg.isKeyword("avg")) throw error(avg, "expected avg(trait) after 'x' but found " + avg.describe());
        Token open = take();
        if (open.kind() != Kind.OPEN) throw error(open, "expected '(' after avg but found " + open.describe());
        Token trait = take();
        if (trait.kind() != Kind.WORD) throw error(trait, "expected a trait inside avg( ) but found " + trait.describe());
        build(trait, () -> {
            TypeRules.averageable(trait.text());
            return trait;
        });
        Token close = take();
        if (close.kind() != Kind.CLOSE) throw error(close, "expected ')' after avg(" + trait.text() + " but found " + close.describe());
        return new Literal.AverageTimes(factor, trait.text());
    }

    private record Span(long amount, SpanUnit unit) {
    }

    /** A whole number and a unit: {@code 15d}, {@code 15 days}, {@code 3 months}; a leading '-' only after now. */
    private Span span(String after) {
        Token number = take();
        if (number.kind() != Kind.NUMBER) {
            throw error(number, "expected an amount of time (such as 15d, 2h or 3 months) after '" + after + "' but found " + number.describe());
        }
        String digits = number.text().startsWith("-") ? number.text().substring(1) : number.text();
        if (!digits.matches("[0-9]{1,9}")) throw error(number, "an amount of time is a whole number, not " + number.text());
        String unitText = number.suffix();
        Token unitToken = number;
        if (unitText.isEmpty()) {
            unitToken = take();
            if (unitToken.kind() != Kind.WORD) {
                throw error(unitToken, "expected a unit (" + SpanUnit.UNITS_HELP + ") after " + number.text() + " but found " + unitToken.describe());
            }
            unitText = unitToken.text();
        }
        if (unitText.equalsIgnoreCase("m")) throw error(unitToken, "'m' is ambiguous: write min (minutes) or months");
        String u = unitText;
        SpanUnit unit = SpanUnit.of(unitText).orElseThrow(() -> error(number, "unknown unit '" + u + "' (use " + SpanUnit.UNITS_HELP + ")"));
        return new Span(Long.parseLong(digits), unit);
    }

    private Literal literal(Token token, String after) {
        switch (token.kind()) {
            case NUMBER:
                if (!token.suffix().isEmpty()) {
                    throw error(token, "'" + token.text() + token.suffix() + "' is neither a number nor a trait name");
                }
                return new Literal.Number(new BigDecimal(token.text()));
            case STRING:
                return new Literal.Text(token.text());
            case WORD:
                String word = token.text().toLowerCase(Locale.ROOT);
                if (word.equals("true")) return new Literal.Bool(true);
                if (word.equals("false")) return new Literal.Bool(false);
                throw error(token, "expected a value after " + after + " but found " + token.describe()
                        + " (strings are written in double quotes)");
            default:
                throw error(token, "expected a value (a number, a \"string\", true or false) after " + after
                        + " but found " + token.describe());
        }
    }

    /** Builds a node (or runs a check); a rule it breaks becomes an error at {@code at}. */
    private <T> T build(Token at, Supplier<T> node) {
        try {
            return node.get();
        } catch (InvalidCondition e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.END) next++;
        return t;
    }

    private ConditionSyntaxException error(Token at, String reason) {
        return new ConditionSyntaxException(at.line(), at.column(), reason);
    }

    enum Kind { WORD, NUMBER, STRING, OPERATOR, SIGN, PERCENT, COMMA, OPEN, CLOSE, END }

    /** @param suffix letters or '%' written right after a number (a unit, 'x' or '%'), else empty */
    record Token(Kind kind, String text, String suffix, int line, int column) {
        Token(Kind kind, String text, int line, int column) {
            this(kind, text, "", line, column);
        }

        boolean isKeyword(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        String describe() {
            return switch (kind) {
                case END -> "the end of the condition";
                case STRING -> "the string \"" + text + "\"";
                default -> "'" + text + suffix + "'";
            };
        }
    }

    /** Splits the text into tokens, tracking line and column of each. */
    private static final class Lexer {
        private final String text;
        private final List<Token> tokens = new ArrayList<>();
        private int pos;
        private int line = 1;
        private int lineStart;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() {
            while (true) {
                skipWhitespace();
                int column = pos - lineStart + 1;
                if (pos >= text.length()) {
                    tokens.add(new Token(Kind.END, "", line, column));
                    return tokens;
                }
                char c = text.charAt(pos);
                if (c == '(' || c == ')') {
                    tokens.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), line, column));
                    pos++;
                } else if (c == ',') {
                    tokens.add(new Token(Kind.COMMA, ",", line, column));
                    pos++;
                } else if (c == '%') {
                    tokens.add(new Token(Kind.PERCENT, "%", line, column));
                    pos++;
                } else if (c == '"') {
                    tokens.add(new Token(Kind.STRING, string(column), line, column));
                } else if (Character.isDigit(c) || (c == '-' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
                    String number = number();
                    tokens.add(new Token(Kind.NUMBER, number, suffix(), line, column));
                } else if (c == '+' || c == '-') {
                    tokens.add(new Token(Kind.SIGN, String.valueOf(c), line, column));
                    pos++;
                } else if (Character.isLetter(c) || c == '_') {
                    tokens.add(new Token(Kind.WORD, word(), line, column));
                } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                    tokens.add(new Token(Kind.OPERATOR, operator(column), line, column));
                } else {
                    throw new ConditionSyntaxException(line, column, "unexpected character '" + c + "'");
                }
            }
        }

        /**
         * An identifier, with one '.' allowed inside (custom.name, category_interest.shoes); after a nested trait's
         * family, '.' and a double-quoted string name any key (category_interest."running shoes").
         */
        private String word() {
            int start = pos;
            boolean dotted = false;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (Character.isLetterOrDigit(c) || c == '_') {
                    pos++;
                } else if (c == '.' && !dotted && pos + 1 < text.length()
                        && (Character.isLetter(text.charAt(pos + 1)) || text.charAt(pos + 1) == '_')) {
                    dotted = true;
                    pos++;
                } else {
                    break;
                }
            }
            String word = text.substring(start, pos);
            if (!dotted && TraitCatalogue.isFamily(word) && pos + 1 < text.length() && text.charAt(pos) == '.'
                    && text.charAt(pos + 1) == '"') {
                pos++;
                return word + "." + string(pos - lineStart + 1);
            }
            return word;
        }

        private void skipWhitespace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                if (text.charAt(pos) == '\n') {
                    line++;
                    lineStart = pos + 1;
                }
                pos++;
            }
        }

        private String operator(int column) {
            char c = text.charAt(pos);
            boolean equalsFollows = pos + 1 < text.length() && text.charAt(pos + 1) == '=';
            if (c == '=' && equalsFollows) throw new ConditionSyntaxException(line, column, "'==' is written '='");
            if (c == '!' && !equalsFollows) throw new ConditionSyntaxException(line, column, "'!' must be followed by '=' (or use 'not')");
            String op = c == '=' ? "=" : equalsFollows ? c + "=" : String.valueOf(c);
            pos += op.length();
            return op;
        }

        private String number() {
            int start = pos;
            if (text.charAt(pos) == '-') pos++;
            digits();
            if (pos + 1 < text.length() && text.charAt(pos) == '.' && Character.isDigit(text.charAt(pos + 1))) {
                pos++;
                digits();
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                int mark = pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
                if (pos < text.length() && Character.isDigit(text.charAt(pos))) digits();
                else pos = mark;
            }
            return text.substring(start, pos);
        }

        /** Letters (a unit, 'x') or '%' right after a number. */
        private String suffix() {
            if (pos < text.length() && text.charAt(pos) == '%') {
                pos++;
                return "%";
            }
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
            return text.substring(start, pos);
        }

        private void digits() {
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        }

        private String string(int column) {
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    // PostgreSQL text cannot hold NUL: bound as a parameter it would fail the query (a 5xx), not the condition
                    if (value.indexOf("\u0000") >= 0) throw new ConditionSyntaxException(line, column, "a string cannot contain NUL");
                    return value.toString();
                }
                if (c == '\n') break;
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (pos >= text.length()) break;
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\' -> value.append(e);
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'u' -> value.append(unicode());
                    default -> throw new ConditionSyntaxException(line, pos - lineStart,
                            "unknown escape '\\" + e + "' in string (use \\\" \\\\ \\n \\t \\r or \\uXXXX)");
                }
            }
            throw new ConditionSyntaxException(line, column, "string is not closed: expected '\"' before the end of the line");
        }

        private char unicode() {
            if (pos + 4 > text.length() || !text.substring(pos, pos + 4).matches("[0-9A-Fa-f]{4}")) {
                throw new ConditionSyntaxException(line, pos - lineStart - 1, "\\u must be followed by four hex digits");
            }
            char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            pos += 4;
            return c;
        }
    }
}
