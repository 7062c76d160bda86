package crm.ingest.tracking;

import crm.events.EventNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EcommerceNamesTest {
    @Test
    void segment_v1_names_become_the_v2_names() {
        assertThat(EcommerceNames.canonical("Completed Order")).isEqualTo(EventNames.ORDER_COMPLETED);
        assertThat(EcommerceNames.canonical("Viewed Product")).isEqualTo(EventNames.PRODUCT_VIEWED);
        assertThat(EcommerceNames.canonical("Started Checkout")).isEqualTo(EventNames.CHECKOUT_STARTED);
        assertThat(EcommerceNames.canonical("Added Product")).isEqualTo(EventNames.PRODUCT_ADDED);
        assertThat(EcommerceNames.canonical("Removed Product")).isEqualTo(EventNames.PRODUCT_REMOVED);
        assertThat(EcommerceNames.canonical("Viewed Cart")).isEqualTo(EventNames.CART_VIEWED);
        assertThat(EcommerceNames.canonical("Refunded Order")).isEqualTo(EventNames.ORDER_REFUNDED);
        assertThat(EcommerceNames.canonical("Updated Order")).isEqualTo(EventNames.ORDER_UPDATED);
        assertThat(EcommerceNames.canonical("Cancelled Order")).isEqualTo(EventNames.ORDER_CANCELLED);
        assertThat(EcommerceNames.canonical("Viewed Product Category")).isEqualTo("Product List Viewed");
    }

    @Test
    void v1_names_are_recognised_whatever_their_case_and_surrounding_spaces() {
        assertThat(EcommerceNames.canonical(" completed order ")).isEqualTo(EventNames.ORDER_COMPLETED);
        assertThat(EcommerceNames.canonical("VIEWED PRODUCT")).isEqualTo(EventNames.PRODUCT_VIEWED);
    }

    @Test
    void v2_and_other_names_are_kept_as_sent() {
        assertThat(EcommerceNames.canonical("Order Completed")).isEqualTo("Order Completed");
        assertThat(EcommerceNames.canonical("order completed")).isEqualTo("order completed");
        assertThat(EcommerceNames.canonical("Signed Up")).isEqualTo("Signed Up");
    }
}
