package crm.profile.predictions;

/**
 * The two special functions BG/NBD needs, in plain Java: the log-gamma function and the Gauss hypergeometric series.
 * Written here rather than pulled from a maths library because they are a few lines each.
 */
final class SpecialFunctions {
    // Lanczos approximation, g = 7, n = 9: relative error about 1e-15 for positive arguments.
    private static final double G = 7;
    private static final double[] LANCZOS = {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private SpecialFunctions() {
    }

    /** ln Γ(x) for x > 0. */
    static double lnGamma(double x) {
        if (!(x > 0)) throw new IllegalArgumentException("lnGamma needs a positive argument, got " + x);
        if (x < 0.5) {
            // Reflection: Γ(x) Γ(1 - x) = π / sin(πx); the series is accurate only from 0.5 up.
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
        double t = z + G + 0.5;
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /**
     * The Gauss hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1 by its power series, summed until a term no
     * longer changes the sum. BG/NBD only asks for z = t / (alpha + T + t), always below 1.
     */
    static double hypergeometric2F1(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) throw new IllegalArgumentException("2F1 series needs 0 <= z < 1, got " + z);
        double term = 1;
        double sum = 1;
        for (int n = 0; n < 1_000_000; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.abs(term) <= 1e-15 * Math.abs(sum)) return sum;
        }
        return sum;
    }
}
