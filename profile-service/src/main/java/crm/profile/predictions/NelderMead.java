package crm.profile.predictions;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;

/**
 * Nelder-Mead simplex minimisation (standard coefficients: reflection 1, expansion 2, contraction and shrink 1/2),
 * restarted from the best point until a restart no longer improves it: restarts rebuild a collapsed simplex, which
 * is the usual cure for the method stalling short of the minimum.
 */
final class NelderMead {
    private NelderMead() {
    }

    /** A minimum found: where and the function's value there. */
    record Minimum(double[] point, double value) {
    }

    static Minimum minimise(ToDoubleFunction<double[]> f, double[] start, double step, double tolerance, int maxEvaluations) {
        Minimum best = once(f, start, step, tolerance, maxEvaluations);
        for (int restart = 0; restart < 20; restart++) {
            Minimum again = once(f, best.point(), step, tolerance, maxEvaluations);
            boolean improved = again.value() < best.value() - tolerance;
            if (again.value() < best.value()) best = again;
            if (!improved) break;
        }
        return best;
    }

    private static Minimum once(ToDoubleFunction<double[]> f, double[] start, double step, double tolerance, int maxEvaluations) {
        int n = start.length;
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        simplex[0] = start.clone();
        for (int i = 0; i < n; i++) {
            simplex[i + 1] = start.clone();
            simplex[i + 1][i] += step;
        }
        for (int i = 0; i <= n; i++) values[i] = f.applyAsDouble(simplex[i]);
        int evaluations = n + 1;
        Integer[] order = new Integer[n + 1];

        while (evaluations < maxEvaluations) {
            for (int i = 0; i <= n; i++) order[i] = i;
            final double[] v = values;
            Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
            double[][] s = new double[n + 1][];
            double[] sv = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                s[i] = simplex[order[i]];
                sv[i] = values[order[i]];
            }
            simplex = s;
            values = sv;
            if (converged(simplex, values, tolerance)) break;

            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
            }
            double[] worst = simplex[n];
            double[] reflected = along(centroid, worst, -1);
            double fr = f.applyAsDouble(reflected);
            evaluations++;
            if (fr < values[0]) {
                double[] expanded = along(centroid, worst, -2);
                double fe = f.applyAsDouble(expanded);
                evaluations++;
                if (fe < fr) {
                    simplex[n] = expanded;
                    values[n] = fe;
                } else {
                    simplex[n] = reflected;
                    values[n] = fr;
                }
            } else if (fr < values[n - 1]) {
                simplex[n] = reflected;
                values[n] = fr;
            } else {
                // Contract towards the better of the worst point and its reflection.
                boolean outside = fr < values[n];
                double[] contracted = along(centroid, worst, outside ? -0.5 : 0.5);
                double fc = f.applyAsDouble(contracted);
                evaluations++;
                if (fc < Math.min(fr, values[n])) {
                    simplex[n] = contracted;
                    values[n] = fc;
                } else {
                    for (int i = 1; i <= n; i++) {
                        for (int j = 0; j < n; j++) simplex[i][j] = simplex[0][j] + 0.5 * (simplex[i][j] - simplex[0][j]);
                        values[i] = f.applyAsDouble(simplex[i]);
                    }
                    evaluations += n;
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
        return new Minimum(simplex[best].clone(), values[best]);
    }

    /** centroid + k (point - centroid): k = -1 reflects, -2 expands, -1/2 and 1/2 contract. */
    private static double[] along(double[] centroid, double[] point, double k) {
        double[] out = new double[centroid.length];
        for (int j = 0; j < out.length; j++) out[j] = centroid[j] + k * (point[j] - centroid[j]);
        return out;
    }

    private static boolean converged(double[][] simplex, double[] values, double tolerance) {
        double spreadF = Math.abs(values[values.length - 1] - values[0]);
        double spreadX = 0;
        for (int i = 1; i < simplex.length; i++) {
            for (int j = 0; j < simplex[0].length; j++) spreadX = Math.max(spreadX, Math.abs(simplex[i][j] - simplex[0][j]));
        }
        return spreadF <= tolerance && spreadX <= tolerance;
    }
}
