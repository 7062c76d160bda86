package crm.profile.computed;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Definitions are checked field by field, each refusal naming its field. */
class ComputedTraitRequestTest {

    static ComputedTraitRequest request(String name, String kind, String event, String property, ComputedTraitRequest.Where where, Integer days) {
        return new ComputedTraitRequest(name, kind, event, property, where, days);
    }

    static void refused(Runnable check, String field) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(InvalidComputedTrait.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void a_valid_count_with_filter_and_window_is_accepted() {
        var r = request(" eur_orders_90d ", "COUNT", "Order Completed", null, new ComputedTraitRequest.Where("currency", "EUR"), 90);
        assertThat(r.validName()).isEqualTo("eur_orders_90d");
        assertThat(r.definition()).isEqualTo(new ComputedTrait.Definition(ComputedTrait.Kind.count, "Order Completed", null,
                new ComputedTrait.Filter("currency", "EUR"), 90));
    }

    @Test
    void names_must_be_snake_case_and_not_a_built_in_trait() {
        for (String bad : new String[] {null, " ", "OrdersCount", "orders-90d", "9lives", "double__underscore", "trailing_", "x".repeat(65)}) {
            refused(() -> request(bad, "count", "X", null, null, null).validName(), "name");
        }
        for (String builtIn : new String[] {"orders_count", "total_spent", "visits_30d", "p_alive", "email", "consent_sms", "rfm_recency", "email_consent"}) {
            refused(() -> request(builtIn, "count", "X", null, null, null).validName(), "name");
        }
    }

    @Test
    void the_raw_body_is_read_field_by_field_and_a_wrong_json_type_names_its_field() {
        var r = ComputedTraitRequest.parse("{\"name\":\"eur_spent\",\"kind\":\"sum\",\"event\":\"Order Completed\",\"property\":\"total\","
                + "\"where\":{\"property\":\"currency\",\"value\":\"EUR\"},\"withinDays\":30}");
        assertThat(r).isEqualTo(request("eur_spent", "sum", "Order Completed", "total", new ComputedTraitRequest.Where("currency", "EUR"), 30));
        refused(() -> ComputedTraitRequest.parse("{\"name\":\"x\",\"withinDays\":\"soon\"}"), "withinDays");
        refused(() -> ComputedTraitRequest.parse("{\"name\":\"x\",\"withinDays\":1.5}"), "withinDays");
        refused(() -> ComputedTraitRequest.parse("{\"name\":7}"), "name");
        refused(() -> ComputedTraitRequest.parse("{\"name\":\"x\",\"where\":\"currency=EUR\"}"), "where");
        refused(() -> ComputedTraitRequest.parse("{\"name\":\"x\",\"where\":{\"property\":1,\"value\":2}}"), "where.property");
        refused(() -> ComputedTraitRequest.parse("[1]"), null);
        refused(() -> ComputedTraitRequest.parse("{nope"), null);
        refused(() -> ComputedTraitRequest.parse(""), null);
    }

    @Test
    void each_wrong_field_is_named() {
        refused(() -> request("a", null, "X", null, null, null).definition(), "kind");
        refused(() -> request("a", "median", "X", null, null, null).definition(), "kind");
        refused(() -> request("a", "count", " ", null, null, null).definition(), "event");
        refused(() -> request("a", "sum", "X", null, null, null).definition(), "property");
        refused(() -> request("a", "last", "X", "", null, null).definition(), "property");
        refused(() -> request("a", "count", "X", "total", null, null).definition(), "property");
        refused(() -> request("a", "count", "X", null, new ComputedTraitRequest.Where(null, "EUR"), null).definition(), "where.property");
        refused(() -> request("a", "count", "X", null, new ComputedTraitRequest.Where("currency", null), null).definition(), "where.value");
        refused(() -> request("a", "count", "X", null, new ComputedTraitRequest.Where("currency", List.of("EUR")), null).definition(), "where.value");
        refused(() -> request("a", "count", "X", null, new ComputedTraitRequest.Where("currency", Map.of()), null).definition(), "where.value");
        refused(() -> request("a", "count", "X", null, null, 0).definition(), "withinDays");
        refused(() -> request("a", "sum", "X", "total", null, 3651).definition(), "withinDays");
        refused(() -> request("a", "last", "X", "total", null, 30).definition(), "withinDays");
    }
}
