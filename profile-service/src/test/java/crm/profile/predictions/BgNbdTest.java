package crm.profile.predictions;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BgNbdTest {
    /** Fader, Hardie and Lee (2005), table of estimates for the CDNOW calibration period (weeks). */
    static final BgNbd PUBLISHED = new BgNbd(0.2426, 4.4135, 0.7929, 2.4258);

    @Test
    void fit_on_the_cdnow_summary_matches_the_published_parameters_within_one_percent() {
        BgNbdFit.Result fit = BgNbdFit.fit(Cdnow.summaryHistories());

        BgNbd m = fit.model();
        assertThat(fit.customers()).isEqualTo(2357);
        assertThat(m.r()).isCloseTo(0.2426, within(0.2426 * 0.01));
        assertThat(m.alpha()).isCloseTo(4.4135, within(4.4135 * 0.01));
        assertThat(m.a()).isCloseTo(0.7929, within(0.7929 * 0.01));
        assertThat(m.b()).isCloseTo(2.4258, within(2.4258 * 0.01));
        // The paper reports LL = -9582.4 at its estimates.
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.5));
    }

    @Test
    void fit_on_inputs_computed_from_the_raw_sample_matches_too() {
        List<PurchaseHistory> histories = new ArrayList<>();
        for (var days : Cdnow.samplePurchaseDays().values()) {
            histories.add(PurchaseHistory.of(days, Cdnow.CALIBRATION_END, 7).orElseThrow());
        }
        BgNbd m = BgNbdFit.fit(histories).model();
        assertThat(m.r()).isCloseTo(0.2426, within(0.2426 * 0.01));
        assertThat(m.alpha()).isCloseTo(4.4135, within(4.4135 * 0.01));
        assertThat(m.a()).isCloseTo(0.7929, within(0.7929 * 0.01));
        assertThat(m.b()).isCloseTo(2.4258, within(2.4258 * 0.01));
    }

    @Test
    void the_likelihood_is_highest_at_the_published_parameters_among_neighbours() {
        List<PurchaseHistory> data = Cdnow.summaryHistories();
        double atPublished = total(PUBLISHED, data);
        assertThat(atPublished).isCloseTo(-9582.4, within(0.5));
        for (BgNbd other : List.of(new BgNbd(0.3, 4.4135, 0.7929, 2.4258), new BgNbd(0.2426, 5, 0.7929, 2.4258),
                new BgNbd(0.2426, 4.4135, 0.6, 2.4258), new BgNbd(0.2426, 4.4135, 0.7929, 3))) {
            assertThat(total(other, data)).isLessThan(atPublished);
        }
    }

    @Test
    void expected_purchases_match_the_papers_worked_example() {
        // The paper's example customer: x = 2, t_x = 30.43, T = 38.86 weeks; 1.226 purchases in the next 39 weeks.
        assertThat(PUBLISHED.expectedPurchases(new PurchaseHistory(2, 30.43, 38.86), 39)).isCloseTo(1.226, within(0.001));
        // Values below were computed independently with scipy's hyp2f1 at the same parameters.
        assertThat(PUBLISHED.expectedPurchases(new PurchaseHistory(0, 0, 38.86), 39)).isCloseTo(0.19479, within(1e-4));
        assertThat(PUBLISHED.expectedPurchases(new PurchaseHistory(7, 29.43, 35.14), 39)).isCloseTo(4.33201, within(1e-4));
        assertThat(PUBLISHED.expectedPurchases(new PurchaseHistory(1, 1.71, 38.86), 13)).isCloseTo(0.07470, within(1e-4));
        assertThat(PUBLISHED.expectedPurchases(new PurchaseHistory(1, 1.71, 38.86), 0)).isZero();
    }

    @Test
    void probability_alive_matches_independent_values_and_is_one_without_repeat_purchase() {
        assertThat(PUBLISHED.probabilityAlive(new PurchaseHistory(2, 30.43, 38.86))).isCloseTo(0.72661, within(1e-4));
        assertThat(PUBLISHED.probabilityAlive(new PurchaseHistory(7, 29.43, 35.14))).isCloseTo(0.77455, within(1e-4));
        assertThat(PUBLISHED.probabilityAlive(new PurchaseHistory(1, 1.71, 38.86))).isCloseTo(0.21222, within(1e-4));
        assertThat(PUBLISHED.probabilityAlive(new PurchaseHistory(0, 0, 38.86))).isEqualTo(1.0);
    }

    @Test
    void a_customer_who_stops_buying_fades_as_time_passes() {
        PurchaseHistory now = new PurchaseHistory(3, 20, 25);
        PurchaseHistory later = new PurchaseHistory(3, 20, 60);
        assertThat(PUBLISHED.probabilityAlive(later)).isLessThan(PUBLISHED.probabilityAlive(now));
        assertThat(PUBLISHED.expectedPurchases(later, 13)).isLessThan(PUBLISHED.expectedPurchases(now, 13));
    }

    @Test
    void a_workspace_where_nobody_came_back_still_fits_to_finite_parameters() {
        List<PurchaseHistory> data = new ArrayList<>();
        for (int i = 0; i < 15; i++) data.add(new PurchaseHistory(0, 0, 10 + i));
        BgNbd m = BgNbdFit.fit(data).model();
        for (double p : new double[] {m.r(), m.alpha(), m.a(), m.b()}) assertThat(p).isFinite().isPositive();
        double expected = m.expectedPurchases(data.get(0), 90);
        assertThat(expected).isFinite().isGreaterThanOrEqualTo(0);
    }

    @Test
    void log_gamma_matches_known_values() {
        for (Map.Entry<Double, Double> e : Map.of(1.0, 0.0, 2.0, 0.0, 0.5, Math.log(Math.sqrt(Math.PI)),
                10.0, Math.log(362880), 0.2426, 1.3197854750907922).entrySet()) {
            assertThat(SpecialFunctions.lnGamma(e.getKey())).isCloseTo(e.getValue(), within(1e-12));
        }
    }

    private static double total(BgNbd m, List<PurchaseHistory> data) {
        return data.stream().mapToDouble(m::logLikelihood).sum();
    }
}
