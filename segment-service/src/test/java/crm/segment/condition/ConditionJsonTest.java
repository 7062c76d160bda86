package crm.segment.condition;

import com.fasterxml.jackson.databind.JsonNode;
import crm.events.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionJsonTest {

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void every_canonical_condition_round_trips_between_text_and_json() {
        for (String text : ConditionPrinterTest.CANONICAL) {
            Condition parsed = Condition.parse(text);
            JsonNode written = ConditionJson.write(parsed);
            // through a JSON string and back, as an API client would send it
            Condition read = ConditionJson.read(json(written.toString()));
            assertThat(read).as(text).isEqualTo(parsed);
            assertThat(read.toText()).isEqualTo(text);
        }
    }

    @Test
    void the_json_form_is_readable() {
        assertThat(ConditionJson.write(Condition.parse("orders_count >= 1 and last_order_date < now - 90d")).toString()).isEqualTo(
                "{\"and\":[{\"compare\":{\"trait\":\"orders_count\",\"op\":\">=\",\"value\":1}},"
                        + "{\"compare\":{\"trait\":\"last_order_date\",\"op\":\"<\",\"value\":{\"now\":{\"amount\":-90,\"unit\":\"days\"}}}}]}");
        assertThat(ConditionJson.write(Condition.parse("engagement_score in top 10%")).toString())
                .isEqualTo("{\"top\":{\"trait\":\"engagement_score\",\"percent\":10}}");
    }

    @Test
    void a_string_for_a_date_trait_reads_as_a_date() {
        assertThat(ConditionJson.read(json("{\"compare\":{\"trait\":\"signup_date\",\"op\":\">=\",\"value\":\"2024-01-31\"}}")))
                .isEqualTo(Condition.parse("signup_date >= \"2024-01-31T00:00:00Z\""));
    }

    @Test
    void a_category_is_written_after_the_dot_as_it_is_in_json() {
        assertThat(ConditionJson.read(json("{\"compare\":{\"trait\":\"category_interest.Running Shoes\",\"op\":\">=\",\"value\":3}}")))
                .isEqualTo(Condition.parse("category_interest.\"running shoes\" >= 3"));
        assertThat(ConditionJson.write(Condition.parse("category_interest.\"Running Shoes\" exists")).toString())
                .isEqualTo("{\"exists\":{\"trait\":\"category_interest.running shoes\"}}");
        refused("{\"exists\":{\"trait\":\"category_interest\"}}", "/exists/trait", "holds a number per category");
    }

    private static void refused(String body, String path, String reason) {
        assertThatThrownBy(() -> ConditionJson.read(json(body)))
                .isInstanceOfSatisfying(InvalidCondition.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.reason()).contains(reason);
                });
    }

    @Test
    void tags_are_tested_with_contains_in_json_too() {
        assertThat(ConditionJson.read(json("{\"contains\":{\"trait\":\"tags\",\"value\":\"VIP\"}}")))
                .isEqualTo(Condition.parse("tags contains \"VIP\""));
        refused("{\"compare\":{\"trait\":\"tags\",\"op\":\">\",\"value\":3}}", "/compare/value",
                "tags is a list of text and cannot be compared with the number 3");
    }

    @Test
    void errors_name_the_json_pointer() {
        refused("{\"and\":[{\"exists\":{\"trait\":\"email\"}},{\"compare\":{\"trait\":\"ordes_count\",\"op\":\">=\",\"value\":1}}]}",
                "/and/1/compare/trait", "unknown trait 'ordes_count'");
        refused("{\"compare\":{\"trait\":\"orders_count\",\"op\":\"=>\",\"value\":1}}", "/compare/op", "unknown operator");
        refused("{\"compare\":{\"trait\":\"orders_count\",\"op\":\">=\",\"value\":\"one\"}}", "/compare/value", "cannot be compared");
        refused("{\"within\":{\"trait\":\"signup_date\",\"amount\":2,\"unit\":\"fortnights\"}}", "/within/unit", "unknown unit");
        refused("{\"or\":[{\"exists\":{\"trait\":\"email\"}}]}", "/or", "at least two");
        refused("{\"maybe\":{}}", "", "unknown condition 'maybe'");
        refused("[]", "", "expected an object");
        refused("{\"inSegment\":{\"label\":\"x\"}}", "/inSegment", "expected one of name, key or id");
        refused("{\"or\":[{\"exists\":{\"trait\":\"email\"}},{\"contains\":{\"trait\":\"email\",\"value\":\"a\\u0000\"}}]}",
                "/or/1/contains/value", "a string cannot contain NUL");
    }
}
