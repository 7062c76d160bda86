package crm.segment.condition;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionPrinterTest {
    static final List<String> CANONICAL = List.of(
            "orders_count >= 1",
            "orders_count >= 1 and last_order_date < now - 90d",
            "signup_date > now - 15d",
            "last_order_date < now - 3 months",
            "last_order_date < now - 1 month",
            "last_visit >= now - 30min or birthdate < now + 1y",
            "last_visit <= now",
            "lost_checkout_date within 2h",
            "engagement_score in top 10%",
            "engagement_score in top 2.5%",
            "average_basket > 1.5 x avg(average_basket)",
            "rfm_recency >= 4 and rfm_frequency >= 4 and rfm_monetary >= 4",
            "country in (\"FR\", \"BE\")",
            "orders_count in (1, 2)",
            "email contains \"@gmail.\"",
            "in segment \"Customers\" and not (in segment key \"churned\")",
            "in segment id \"0b6e\"",
            "signup_date >= \"2024-01-31T00:00:00Z\"",
            "custom.quiz_answer = \"say \\\"hi\\\"\\n\"",
            "(b2b = true or nps >= 9) and email exists",
            "not (orders_count >= 1) and product_visits_30d > 2",
            "total_spent != -0.5",
            "category_interest.shoes >= 3",
            "category_interest.\"running shoes\" > 2 or category_interest.\"été\" exists",
            "category_interest.\"men's \\\"best\\\"\" in (1, 2)",
            "tags contains \"VIP\" and not (tags contains \"wholesale\") or not (tags exists)");

    @Test
    void canonical_text_prints_as_it_was_written() {
        for (String text : CANONICAL) {
            assertThat(Condition.parse(text).toText()).isEqualTo(text);
        }
    }

    @Test
    void any_spelling_prints_canonically_and_parses_back_to_the_same_ast() {
        Condition c = Condition.parse("NOT orders_count>=1.0 AND (b2b=TRUE OR signup_date > now -15 days) and total_spent = 1E2");
        assertThat(c.toText()).isEqualTo("not (orders_count >= 1) and (b2b = true or signup_date > now - 15d) and total_spent = 100");
        assertThat(Condition.parse(c.toText())).isEqualTo(c);
    }

    @Test
    void a_category_prints_folded_and_quoted_only_when_it_is_not_an_identifier() {
        assertThat(Condition.parse("category_interest.SHOES >= 3").toText()).isEqualTo("category_interest.shoes >= 3");
        assertThat(Condition.parse("category_interest.\"Shoes\" >= 3").toText()).isEqualTo("category_interest.shoes >= 3");
        assertThat(Condition.parse("category_interest.\"Home & Garden\" exists").toText()).isEqualTo("category_interest.\"home & garden\" exists");
    }

    @Test
    void every_preset_round_trips() {
        crm.segment.definition.Presets.of("ws").forEach(s -> assertThat(Condition.parse(s.conditionText())).isEqualTo(s.condition()));
    }
}
