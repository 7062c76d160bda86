package crm.segment.condition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionPrinterTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "orders_count >= 1",
            "orders_count >= 2 and total_spent > 100",
            "not (email exists)",
            "a = 1 or b = 2 and c = 3",
            "(a = 1 or b = 2) and c = 3",
            "not (a = 1 or b = 2) and not (not (c exists))",
            "name = \"say \\\"hi\\\"\\n\\\\\"",
            "x != -0.50 or y = 1E+3 or z = true or w = false",
            "first_order_date < \"2024-01-01T00:00:00Z\"",
    })
    void canonical_text_prints_back_unchanged(String text) {
        assertThat(Condition.parse(text).toText()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "NOT email EXISTS",
            "((a=1))",
            "(a exists and b exists) and (c exists or d exists or (e exists or f exists))",
            "a = 1.0e-2 and b = \"\\u0001\\t\"",
            "not not not a exists",
    })
    void any_text_round_trips_through_its_canonical_form(String text) {
        Condition parsed = Condition.parse(text);
        assertThat(Condition.parse(parsed.toText())).isEqualTo(parsed);
    }

    @Test
    void noisy_text_prints_canonically() {
        assertThat(Condition.parse("  ( ( a>=1 ) AND\n b exists )  ").toText()).isEqualTo("a >= 1 and b exists");
    }

    @Test
    void built_asts_round_trip() {
        Condition c = new Or(List.of(
                new And(List.of(new Comparison("a", Operator.LT, new Literal.Number(new BigDecimal("12.345"))), new Exists("b"))),
                new Not(new Or(List.of(new Exists("c"), new Comparison("d", Operator.EQ, new Literal.Text("x\"y")))))));
        assertThat(Condition.parse(c.toText())).isEqualTo(c);
        assertThat(c.toText()).isEqualTo("a < 12.345 and b exists or not (c exists or d = \"x\\\"y\")");
    }
}
