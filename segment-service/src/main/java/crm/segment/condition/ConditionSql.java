package crm.segment.condition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The same condition as a PostgreSQL boolean expression over a jsonb column of {@link Facts}, for bulk work
 * (backfills, sweeps, previews, counts). It mirrors {@link Condition#matches} rule for rule: values are typed with
 * jsonb_typeof exactly as the predicate checks Java types, text compares with COLLATE "C" (code point order, as
 * {@link Texts}), every test is coalesced to false so SQL's NULL never leaks into not/and/or, and everything that
 * depends on the evaluation (now, statistics) is resolved here and bound as parameters, so both sides compare with the
 * very same values. Parameters are BigDecimal, String or Boolean, in order.
 */
public final class ConditionSql {
    private final String facts;
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    private ConditionSql(String facts) {
        this.facts = facts;
    }

    /** A compiled condition: the SQL text with {@code ?} placeholders and their values. */
    public record Compiled(String sql, List<Object> parameters) {
        public Compiled {
            Objects.requireNonNull(sql);
            parameters = List.copyOf(parameters);
        }
    }

    /** @param factsColumn the jsonb expression holding a profile's facts, such as {@code p.facts} */
    public static Compiled compile(Condition condition, Evaluation evaluation, String factsColumn) {
        if (!factsColumn.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?")) throw new IllegalArgumentException("column " + factsColumn);
        ConditionSql compiler = new ConditionSql(factsColumn);
        compiler.condition(condition, evaluation);
        return new Compiled(compiler.sql.toString(), compiler.parameters);
    }

    /** A profile trait (not an RFM score) as numeric, NULL when absent or not a number: what statistics are taken over. */
    public static String numberOf(String trait, String factsColumn) {
        if (TraitCatalogue.isScore(trait)) throw new IllegalArgumentException("RFM scores are not stored: " + trait);
        if (TraitCatalogue.nested(trait).isPresent()) throw new IllegalArgumentException("no statistics over categories: " + trait);
        compile(new Exists(trait), Evaluation.at(java.time.Instant.EPOCH), factsColumn); // validates the column
        ConditionSql compiler = new ConditionSql(factsColumn);
        compiler.number(trait, Evaluation.at(java.time.Instant.EPOCH));
        return compiler.sql.toString();
    }

    private void condition(Condition condition, Evaluation evaluation) {
        if (condition instanceof And a) {
            connective(a.operands(), " and ", evaluation);
        } else if (condition instanceof Or o) {
            connective(o.operands(), " or ", evaluation);
        } else if (condition instanceof Not n) {
            sql.append("(not ");
            condition(n.operand(), evaluation);
            sql.append(')');
        } else if (condition instanceof Comparison c) {
            comparison(c, evaluation);
        } else if (condition instanceof InList l) {
            inList(l, evaluation);
        } else if (condition instanceof Contains c && c.element()) {
            // containment of a one-element array: the list (stored folded, see Facts) has that element
            sql.append("coalesce(jsonb_typeof(");
            json(c.trait());
            sql.append(") = 'array' and ");
            json(c.trait());
            sql.append(" @> jsonb_build_array(?::text), false)");
            parameters.add(TraitCatalogue.tagKey(c.fragment()));
        } else if (condition instanceof Contains c) {
            sql.append("coalesce(strpos(");
            text(c.trait());
            sql.append(", ?::text) > 0, false)");
            parameters.add(c.fragment());
        } else if (condition instanceof Exists e) {
            sql.append("coalesce(");
            if (TraitCatalogue.isScore(e.trait())) {
                score(e.trait(), evaluation);
                sql.append(" is not null");
            } else {
                sql.append("jsonb_typeof(");
                json(e.trait());
                sql.append(") <> 'null'");
            }
            sql.append(", false)");
        } else if (condition instanceof Within w) {
            sql.append("coalesce(");
            number(w.trait(), evaluation);
            sql.append(" between ?::numeric and ?::numeric, false)");
            parameters.add(w.from(evaluation));
            parameters.add(w.to(evaluation));
        } else if (condition instanceof Top t) {
            Population.Top top = evaluation.population().top(t.trait(), t.percent());
            if (top == null) {
                sql.append("false");
                return;
            }
            sql.append("coalesce(");
            number(t.trait(), evaluation);
            sql.append(" > ?::numeric, false)");
            parameters.add(top.threshold());
        } else if (condition instanceof InSegment s) {
            var resolved = evaluation.segments().condition(s.segment());
            var deeper = evaluation.deeper();
            if (resolved.isEmpty() || deeper.isEmpty()) {
                sql.append("false");
                return;
            }
            sql.append('(');
            condition(resolved.get(), deeper.get());
            sql.append(')');
        }
    }

    private void connective(List<Condition> operands, String connective, Evaluation evaluation) {
        sql.append('(');
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) sql.append(connective);
            condition(operands.get(i), evaluation);
        }
        sql.append(')');
    }

    private void comparison(Comparison c, Evaluation evaluation) {
        Object operand = c.literal().resolve(evaluation);
        String op = c.operator() == Operator.NE ? "<>" : c.operator().symbol();
        if (operand == null) {
            sql.append("false");
        } else if (operand instanceof BigDecimal n) {
            sql.append("coalesce(");
            number(c.trait(), evaluation);
            sql.append(' ').append(op).append(" ?::numeric, false)");
            parameters.add(n);
        } else if (operand instanceof String s) {
            sql.append("coalesce(");
            text(c.trait());
            sql.append(" collate \"C\" ").append(op).append(" ?::text, false)");
            parameters.add(s);
        } else {
            sql.append("coalesce(");
            bool(c.trait());
            sql.append(' ').append(op).append(" ?::boolean, false)");
            parameters.add(operand);
        }
    }

    private void inList(InList l, Evaluation evaluation) {
        boolean numbers = l.values().get(0) instanceof Literal.Number;
        sql.append("coalesce(");
        if (numbers) number(l.trait(), evaluation);
        else text(l.trait());
        sql.append(" in (");
        for (int i = 0; i < l.values().size(); i++) {
            if (i > 0) sql.append(", ");
            sql.append(numbers ? "?::numeric" : "?::text");
            parameters.add(l.values().get(i).resolve(evaluation));
        }
        sql.append("), false)");
    }

    /** The trait as numeric, or NULL when absent or not a number; RFM scores computed inline. */
    private void number(String trait, Evaluation evaluation) {
        if (TraitCatalogue.isScore(trait)) {
            score(trait, evaluation);
            return;
        }
        typed(trait, "number", "::numeric");
    }

    private void text(String trait) {
        typed(trait, "string", "");
    }

    private void bool(String trait) {
        typed(trait, "boolean", "::boolean");
    }

    /** {@code (case when jsonb_typeof(value) = 'kind' then (value as text)cast end)}: NULL unless of that JSON kind. */
    private void typed(String trait, String kind, String cast) {
        sql.append("(case when jsonb_typeof(");
        json(trait);
        sql.append(") = '").append(kind).append("' then (");
        jsonText(trait);
        sql.append(')').append(cast).append(" end)");
    }

    /** The trait's jsonb value: {@code facts -> 'name'}, or {@code facts -> 'family' -> ?} with the key bound. */
    private void json(String trait) {
        path(trait, " -> ");
    }

    /** The same as text: {@code facts ->> 'name'}, or {@code facts -> 'family' ->> ?}. */
    private void jsonText(String trait) {
        path(trait, " ->> ");
    }

    /** A category is bound as a parameter, so any name is safe whatever characters it holds. */
    private void path(String trait, String last) {
        var nested = TraitCatalogue.nested(trait);
        if (nested.isPresent()) {
            sql.append(facts).append(" -> ").append(name(nested.get().family())).append(last).append("?::text");
            parameters.add(nested.get().key());
        } else {
            sql.append(facts).append(last).append(name(trait));
        }
    }

    /** 1 + the number of boundaries the basis is above, for customers; NULL otherwise (see {@link Rfm}). */
    private void score(String scoreTrait, Evaluation evaluation) {
        List<BigDecimal> boundaries = evaluation.population().rfmBoundaries(scoreTrait);
        if (boundaries == null) {
            sql.append("(null::numeric)");
            return;
        }
        sql.append("(case when ");
        number(TraitCatalogue.ORDERS_COUNT, evaluation);
        sql.append(" >= 1 and ");
        number(Rfm.basis(scoreTrait), evaluation);
        sql.append(" is not null then 1");
        for (BigDecimal b : boundaries) {
            sql.append(" + (");
            number(Rfm.basis(scoreTrait), evaluation);
            sql.append(" > ?::numeric)::int");
            parameters.add(b);
        }
        sql.append(" end)::numeric");
    }

    /** The fact key as a SQL string literal; names are identifiers (checked by the AST), so quoting is safe. */
    private static String name(String trait) {
        String key = TraitCatalogue.factName(trait);
        if (!TraitCatalogue.NAME.matcher(key).matches()) throw new IllegalArgumentException("not a trait name: " + trait);
        return "'" + key + "'";
    }
}
