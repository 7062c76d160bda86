package crm.segment.condition;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionParserTest {

    private static Comparison cmp(String trait, Operator op, Object value) {
        return new Comparison(trait, op, Literal.of(value));
    }

    @Test
    void a_single_comparison_parses() {
        assertThat(Condition.parse("orders_count >= 1")).isEqualTo(cmp("orders_count", Operator.GE, BigDecimal.ONE));
    }

    @Test
    void every_operator_parses() {
        for (Operator op : Operator.values()) {
            assertThat(Condition.parse("x " + op.symbol() + " 2")).isEqualTo(cmp("x", op, new BigDecimal("2")));
        }
    }

    @Test
    void operators_need_no_spaces() {
        assertThat(Condition.parse("x>=1 and y!=\"a\"")).isEqualTo(And.of(cmp("x", Operator.GE, BigDecimal.ONE), cmp("y", Operator.NE, "a")));
    }

    @Test
    void conjunction_of_two_comparisons_parses() {
        assertThat(Condition.parse("orders_count >= 2 and total_spent > 100")).isEqualTo(
                And.of(cmp("orders_count", Operator.GE, new BigDecimal("2")), cmp("total_spent", Operator.GT, new BigDecimal("100"))));
    }

    @Test
    void not_with_parentheses_around_exists_parses() {
        assertThat(Condition.parse("not (email exists)")).isEqualTo(new Not(new Exists("email")));
        assertThat(Condition.parse("not email exists")).isEqualTo(new Not(new Exists("email")));
    }

    @Test
    void and_binds_tighter_than_or() {
        assertThat(Condition.parse("a = 1 or b = 2 and c = 3")).isEqualTo(
                Or.of(cmp("a", Operator.EQ, 1), And.of(cmp("b", Operator.EQ, 2), cmp("c", Operator.EQ, 3))));
    }

    @Test
    void parentheses_override_precedence() {
        assertThat(Condition.parse("(a = 1 or b = 2) and c = 3")).isEqualTo(
                And.of(Or.of(cmp("a", Operator.EQ, 1), cmp("b", Operator.EQ, 2)), cmp("c", Operator.EQ, 3)));
    }

    @Test
    void not_binds_tighter_than_and() {
        assertThat(Condition.parse("not a exists and b exists")).isEqualTo(And.of(new Not(new Exists("a")), new Exists("b")));
    }

    @Test
    void nested_conjunctions_flatten_into_one() {
        assertThat(Condition.parse("(a exists and b exists) and c exists"))
                .isEqualTo(Condition.parse("a exists and b exists and c exists"))
                .isEqualTo(new And(java.util.List.of(new Exists("a"), new Exists("b"), new Exists("c"))));
    }

    @Test
    void keywords_and_booleans_are_case_insensitive() {
        assertThat(Condition.parse("NOT (vip = TRUE) AND Email EXISTS"))
                .isEqualTo(And.of(new Not(cmp("vip", Operator.EQ, true)), new Exists("Email")));
    }

    @Test
    void literals_are_numbers_strings_and_booleans() {
        assertThat(Condition.parse("a = -1.50")).isEqualTo(cmp("a", Operator.EQ, new BigDecimal("-1.50")));
        assertThat(Condition.parse("a = 1e3")).isEqualTo(cmp("a", Operator.EQ, new BigDecimal("1e3")));
        assertThat(Condition.parse("a = \"say \\\"hi\\\"\\n\\u00e9\"")).isEqualTo(cmp("a", Operator.EQ, "say \"hi\"\né"));
        assertThat(Condition.parse("a = false")).isEqualTo(cmp("a", Operator.EQ, false));
    }

    @Test
    void conditions_may_span_lines() {
        assertThat(Condition.parse("orders_count >= 1\n  and\n  country = \"FR\"")).isInstanceOf(And.class);
    }

    private static ConditionSyntaxException error(String text) {
        try {
            Condition.parse(text);
        } catch (ConditionSyntaxException e) {
            return e;
        }
        throw new AssertionError("parsed: " + text);
    }

    @Test
    void a_missing_value_is_reported_at_the_end() {
        ConditionSyntaxException e = error("orders_count >=");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(16);
        assertThat(e.getMessage()).isEqualTo("line 1, column 16: expected a value (a number, a \"string\", true or false) after >= but found the end of the condition");
    }

    @Test
    void a_missing_operator_names_the_trait() {
        ConditionSyntaxException e = error("orders_count 1");
        assertThat(e.column()).isEqualTo(14);
        assertThat(e.reason()).contains("expected an operator", "after orders_count", "'1'");
    }

    @Test
    void an_unclosed_parenthesis_points_at_its_opening() {
        ConditionSyntaxException e = error("a exists and\n(b exists or c exists");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(22);
        assertThat(e.reason()).isEqualTo("expected ')' to close the '(' at line 2, column 1 but found the end of the condition");
    }

    @Test
    void an_unterminated_string_points_at_its_quote() {
        ConditionSyntaxException e = error("name = \"Jane");
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.reason()).contains("string is not closed");
    }

    @Test
    void an_unquoted_word_value_asks_for_quotes() {
        assertThat(error("country = FR").reason()).contains("strings are written in double quotes");
    }

    @Test
    void ordering_a_boolean_is_refused_at_the_operator() {
        ConditionSyntaxException e = error("vip > true");
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.reason()).contains("does not apply to a boolean");
    }

    @Test
    void double_equals_is_explained() {
        ConditionSyntaxException e = error("a == 1");
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.reason()).isEqualTo("'==' is written '='");
    }

    @Test
    void trailing_text_is_refused() {
        ConditionSyntaxException e = error("a exists b exists");
        assertThat(e.column()).isEqualTo(10);
        assertThat(e.reason()).contains("expected 'and', 'or' or the end", "'b'");
    }

    @Test
    void empty_text_and_dangling_connectives_are_refused() {
        assertThat(error("").reason()).contains("expected a condition");
        assertThat(error("   ").column()).isEqualTo(4);
        assertThat(error("a exists and").reason()).contains("expected a condition");
        assertThat(error("and = 1").reason()).contains("expected a condition", "'and'");
        assertThat(error(null).reason()).contains("expected a condition");
    }

    @Test
    void unknown_characters_and_escapes_are_refused() {
        assertThat(error("a # 1").reason()).isEqualTo("unexpected character '#'");
        assertThat(error("a = \"\\q\"").reason()).contains("unknown escape");
        assertThat(error("a = \"\\u12\"").reason()).contains("four hex digits");
        assertThat(error("a = 12abc").reason()).contains("neither a number nor a trait name");
        assertThat(error("a ! 1").reason()).contains("'!' must be followed by '='");
    }

    @Test
    void ast_rejects_what_the_text_cannot_say() {
        assertThatThrownBy(() -> new Exists("and")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Exists("a-b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new And(java.util.List.of(new Exists("a")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Comparison("a", Operator.LT, new Literal.Bool(true))).isInstanceOf(IllegalArgumentException.class);
    }
}
