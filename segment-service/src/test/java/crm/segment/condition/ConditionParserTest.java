package crm.segment.condition;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionParserTest {

    private static Comparison cmp(String trait, Operator op, Literal value) {
        return new Comparison(trait, op, value);
    }

    private static Literal num(String n) {
        return new Literal.Number(new BigDecimal(n));
    }

    private static Literal text(String s) {
        return new Literal.Text(s);
    }

    @Test
    void every_operator_parses() {
        for (Operator op : Operator.values()) {
            assertThat(Condition.parse("orders_count " + op.symbol() + " 2")).isEqualTo(cmp("orders_count", op, num("2")));
        }
    }

    @Test
    void operators_need_no_spaces() {
        assertThat(Condition.parse("orders_count>=1 and country!=\"FR\""))
                .isEqualTo(And.of(cmp("orders_count", Operator.GE, num("1")), cmp("country", Operator.NE, text("FR"))));
    }

    @Test
    void and_binds_tighter_than_or_and_parentheses_override() {
        assertThat(Condition.parse("nps = 1 or visits = 2 and b2b = true")).isEqualTo(
                Or.of(cmp("nps", Operator.EQ, num("1")), And.of(cmp("visits", Operator.EQ, num("2")), cmp("b2b", Operator.EQ, new Literal.Bool(true)))));
        assertThat(Condition.parse("(nps = 1 or visits = 2) and b2b = true")).isEqualTo(
                And.of(Or.of(cmp("nps", Operator.EQ, num("1")), cmp("visits", Operator.EQ, num("2"))), cmp("b2b", Operator.EQ, new Literal.Bool(true))));
    }

    @Test
    void not_binds_tighter_than_and_and_keywords_are_case_insensitive() {
        assertThat(Condition.parse("NOT email EXISTS AND phone exists")).isEqualTo(And.of(new Not(new Exists("email")), new Exists("phone")));
    }

    @Test
    void numbers_are_exact_and_canonical() {
        assertThat(Condition.parse("total_spent = 1.50")).isEqualTo(Condition.parse("total_spent = 1.5"));
        assertThat(Condition.parse("total_spent = 1e3")).isEqualTo(cmp("total_spent", Operator.EQ, num("1000")));
        assertThat(Condition.parse("nps > -2")).isEqualTo(cmp("nps", Operator.GT, num("-2")));
    }

    @Test
    void in_takes_a_list_of_values_of_one_kind() {
        assertThat(Condition.parse("country in (\"FR\", \"BE\")")).isEqualTo(new InList("country", List.of(text("FR"), text("BE"))));
        assertThat(Condition.parse("orders_count in (1,2)")).isEqualTo(new InList("orders_count", List.of(num("1"), num("2"))));
    }

    @Test
    void contains_exists_within_and_top_parse() {
        assertThat(Condition.parse("email contains \"@gmail.\"")).isEqualTo(new Contains("email", "@gmail."));
        assertThat(Condition.parse("lost_checkout_date within 2h")).isEqualTo(new Within("lost_checkout_date", 2, SpanUnit.HOURS));
        assertThat(Condition.parse("lost_checkout_date within 2 hours")).isEqualTo(new Within("lost_checkout_date", 2, SpanUnit.HOURS));
        assertThat(Condition.parse("engagement_score in top 10%")).isEqualTo(new Top("engagement_score", BigDecimal.TEN));
        assertThat(Condition.parse("engagement_score in top 2.5 %")).isEqualTo(new Top("engagement_score", new BigDecimal("2.5")));
    }

    @Test
    void relative_times_take_every_unit_with_or_without_a_space() {
        assertThat(Condition.parse("signup_date > now - 15d")).isEqualTo(cmp("signup_date", Operator.GT, new Literal.Now(-15, SpanUnit.DAYS)));
        assertThat(Condition.parse("signup_date > now -15 days")).isEqualTo(cmp("signup_date", Operator.GT, new Literal.Now(-15, SpanUnit.DAYS)));
        assertThat(Condition.parse("last_order_date < now - 3 months")).isEqualTo(cmp("last_order_date", Operator.LT, new Literal.Now(-3, SpanUnit.MONTHS)));
        assertThat(Condition.parse("birthdate < now + 1y")).isEqualTo(cmp("birthdate", Operator.LT, new Literal.Now(1, SpanUnit.YEARS)));
        assertThat(Condition.parse("last_visit >= now - 30min")).isEqualTo(cmp("last_visit", Operator.GE, new Literal.Now(-30, SpanUnit.MINUTES)));
        assertThat(Condition.parse("last_visit >= now - 2w")).isEqualTo(cmp("last_visit", Operator.GE, new Literal.Now(-2, SpanUnit.WEEKS)));
        assertThat(Condition.parse("last_visit <= now")).isEqualTo(cmp("last_visit", Operator.LE, new Literal.Now(0, SpanUnit.DAYS)));
    }

    @Test
    void a_string_compared_with_a_date_trait_is_a_date() {
        assertThat(Condition.parse("signup_date >= \"2024-01-31\""))
                .isEqualTo(cmp("signup_date", Operator.GE, new Literal.Time(Instant.parse("2024-01-31T00:00:00Z"))));
        assertThat(Condition.parse("signup_date >= \"2024-01-31T10:00:00+01:00\""))
                .isEqualTo(cmp("signup_date", Operator.GE, new Literal.Time(Instant.parse("2024-01-31T09:00:00Z"))));
    }

    @Test
    void ratio_to_the_workspace_average_parses() {
        Literal ratio = new Literal.AverageTimes(new BigDecimal("1.5"), "average_basket");
        assertThat(Condition.parse("average_basket > 1.5 x avg(average_basket)")).isEqualTo(cmp("average_basket", Operator.GT, ratio));
        assertThat(Condition.parse("average_basket > 1.5x avg(average_basket)")).isEqualTo(cmp("average_basket", Operator.GT, ratio));
    }

    @Test
    void segment_membership_by_name_key_or_id_parses() {
        assertThat(Condition.parse("in segment \"Customers\"")).isEqualTo(new InSegment(new SegmentRef(SegmentRef.Kind.NAME, "Customers")));
        assertThat(Condition.parse("in segment key \"customers\"")).isEqualTo(new InSegment(new SegmentRef(SegmentRef.Kind.KEY, "customers")));
        assertThat(Condition.parse("not in segment id \"abc\"")).isEqualTo(new Not(new InSegment(new SegmentRef(SegmentRef.Kind.ID, "abc"))));
    }

    @Test
    void rfm_scores_and_custom_traits_are_traits() {
        assertThat(Condition.parse("rfm_recency >= 4")).isEqualTo(cmp("rfm_recency", Operator.GE, num("4")));
        assertThat(Condition.parse("custom.quiz_answer = \"yes\"")).isEqualTo(cmp("custom.quiz_answer", Operator.EQ, text("yes")));
        assertThat(Condition.parse("custom.shoe_size > 40")).isEqualTo(cmp("custom.shoe_size", Operator.GT, num("40")));
    }

    @Test
    void a_category_of_category_interest_is_a_number_written_bare_or_quoted() {
        assertThat(Condition.parse("category_interest.shoes >= 3")).isEqualTo(cmp("category_interest.shoes", Operator.GE, num("3")));
        // categories match case-insensitively: one spelling in the AST
        assertThat(Condition.parse("category_interest.Shoes >= 3")).isEqualTo(Condition.parse("category_interest.\"shoes\" >= 3"));
        assertThat(Condition.parse("category_interest.\" Running Shoes\" exists")).isEqualTo(new Exists("category_interest.running shoes"));
        assertThat(Condition.parse("category_interest.\"Men's \\\"best\\\" & co.\" in (1, 2)"))
                .isEqualTo(new InList("category_interest.men's \"best\" & co.", List.of(num("1"), num("2"))));
        assertThat(Condition.parse("not (category_interest.\"3d printers\" < 2)"))
                .isEqualTo(new Not(cmp("category_interest.3d printers", Operator.LT, num("2"))));
    }

    @Test
    void category_interest_needs_a_category_and_holds_numbers() {
        refused("category_interest >= 3", 1, 1, "holds a number per category");
        refused("category_interest.\"  \" >= 3", 1, 1, "cannot be empty");
        refused("category_interest.shoes = \"a lot\"", 1, 27, "category_interest.shoes is a number");
        refused("category_interest.shoes in top 10%", 1, 32, "population statistics apply to numeric profile traits");
        refused("category_intrest.shoes >= 1", 1, 1, "nested traits are category_interest.<category>");
        refused("category_interest.\"shoes >= 1", 1, 19, "string is not closed");
    }

    private static void refused(String text, int line, int column, String reason) {
        assertThatThrownBy(() -> Condition.parse(text))
                .isInstanceOfSatisfying(ConditionSyntaxException.class, e -> {
                    assertThat(e.line()).as("line").isEqualTo(line);
                    assertThat(e.column()).as("column").isEqualTo(column);
                    assertThat(e.reason()).contains(reason);
                });
    }

    @Test
    void tags_take_contains_and_exists_only() {
        assertThat(Condition.parse("tags contains \"VIP\"")).isEqualTo(new Contains("tags", "VIP"));
        assertThat(Condition.parse("tags exists")).isEqualTo(new Exists("tags"));
        refused("tags > 3", 1, 8, "tags is a list of text and cannot be compared with the number 3");
        refused("tags = \"VIP\"", 1, 8, "tags is a list of text and cannot be compared with the string \"VIP\" (a list is tested for an element with contains");
        refused("tags in (\"VIP\", \"Gold\")", 1, 10, "tags is a list of text");
        refused("tags within 2d", 1, 6, "'within' applies to dates; tags is a list of text");
        refused("tags in top 10%", 1, 13, "tags is not one");
        refused("tags contains \"a\\u0000\"", 1, 15, "a string cannot contain NUL");
    }

    @Test
    void an_unknown_trait_is_refused_where_it_is_with_a_suggestion() {
        refused("ordes_count >= 1", 1, 1, "unknown trait 'ordes_count' (did you mean orders_count?)");
        refused("orders_count >= 1 and\n  shoe_size > 40", 2, 3, "custom traits are written custom.shoe_size");
    }

    @Test
    void a_value_of_the_wrong_type_is_refused_at_the_value() {
        refused("orders_count >= \"one\"", 1, 17, "orders_count is a number and cannot be compared with the string \"one\"");
        refused("email = 3", 1, 9, "email is text");
        refused("signup_date > 5", 1, 15, "signup_date is a date");
        refused("b2b > true", 1, 7, "does not apply to a boolean");
        refused("signup_date > \"yesterday\"", 1, 15, "not a date");
        refused("orders_count within 2d", 1, 14, "'within' applies to dates");
        refused("orders_count contains \"1\"", 1, 14, "'contains' applies to text");
        refused("email in top 10%", 1, 14, "population statistics apply to numeric profile traits");
        refused("average_basket > 2 x avg(email)", 1, 26, "email is not one");
        refused("country in (\"FR\", 3)", 1, 13, "does not fit");
        refused("orders_count in top 0%", 1, 21, "above 0 and at most 100");
        refused("email = \"a\\u0000\"", 1, 9, "a string cannot contain NUL");
        refused("in segment \"x\u0000\"", 1, 12, "a string cannot contain NUL");
    }

    @Test
    void syntax_errors_say_where_and_why() {
        refused("orders_count >=", 1, 16, "expected a value");
        refused("orders_count == 1", 1, 14, "'==' is written '='");
        refused("(orders_count >= 1", 1, 19, "expected ')'");
        refused("orders_count >= 1 orders_count", 1, 19, "expected 'and', 'or' or the end");
        refused("signup_date > now - 15", 1, 23, "expected a unit");
        refused("signup_date > now - 15m", 1, 21, "'m' is ambiguous");
        refused("signup_date > now - 15 fortnights", 1, 21, "unknown unit 'fortnights'");
        refused("signup_date > now - 1.5d", 1, 21, "whole number");
        refused("in segment Customers", 1, 12, "expected the segment's \"name\"");
        refused("email = \"open", 1, 9, "string is not closed");
        refused("email # 1", 1, 7, "unexpected character '#'");
        refused("", 1, 1, "expected a condition");
    }

    @Test
    void a_segment_check_refuses_references_where_they_are() {
        assertThatThrownBy(() -> ConditionParser.parse("orders_count >= 1 and in segment \"Nope\"", ref -> {
            throw new IllegalArgumentException("no " + ref.describe());
        })).isInstanceOfSatisfying(ConditionSyntaxException.class, e -> {
            assertThat(e.column()).isEqualTo(34);
            assertThat(e.reason()).isEqualTo("no segment \"Nope\"");
        });
    }
}
