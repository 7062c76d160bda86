package crm.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Plain-JUnit randomized property tests: a test generates each case from its own {@link Random}, seeded from a fixed
 * base seed and the case number, and checks it. A failure names the case, its seed and the generated input; run that
 * single case again with {@code -Dingest.cases.seed=<seed>} (together with {@code -Dtest=Class#method}). Also holds the
 * small generators the property tests share.
 */
public final class RandomCases {
    /** System property: run only the case with this seed (as printed in a failure message). */
    public static final String SEED_PROPERTY = "ingest.cases.seed";

    private RandomCases() {
    }

    /** Checks one generated input. */
    @FunctionalInterface
    public interface Check<T> {
        void check(T input) throws Exception;
    }

    /**
     * Generates and checks {@code cases} inputs (or only the one case named by {@value #SEED_PROPERTY}) and prints how
     * many were tried. Returns that number.
     */
    public static <T> int check(String name, long baseSeed, int cases, Function<Random, T> generate,
                                Function<T, String> describe, Check<T> check) {
        String only = System.getProperty(SEED_PROPERTY);
        List<Long> seeds = new ArrayList<>();
        if (only != null && !only.isBlank()) seeds.add(Long.parseLong(only.strip()));
        else for (int i = 0; i < cases; i++) seeds.add(caseSeed(baseSeed, i));
        for (int i = 0; i < seeds.size(); i++) {
            long seed = seeds.get(i);
            T input = null;
            String what = "<not generated>";
            try {
                input = generate.apply(new Random(seed));
                what = describe.apply(input);
                check.check(input);
            } catch (Throwable failure) {
                if (failure instanceof VirtualMachineError e) throw e;
                throw new AssertionError(name + ": case " + (i + 1) + " of " + seeds.size() + " failed, seed " + seed
                        + " (rerun just this case with -D" + SEED_PROPERTY + "=" + seed + ")\n  input: " + what
                        + "\n  failure: " + failure, failure);
            }
        }
        System.out.printf("%s: %d cases tried (base seed %d)%n", name, seeds.size(), baseSeed);
        return seeds.size();
    }

    /** The seed of case {@code index}: the base seed and the index mixed (SplitMix64), so neighbours are unrelated. */
    public static long caseSeed(long baseSeed, int index) {
        long z = baseSeed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---- generators ----

    /** One of the values, uniformly. */
    @SafeVarargs
    public static <T> T oneOf(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }

    public static <T> T oneOf(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** An index chosen with the given relative weights. */
    public static int weighted(Random r, int... weights) {
        int total = 0;
        for (int w : weights) total += w;
        int n = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            n -= weights[i];
            if (n < 0) return i;
        }
        throw new IllegalStateException();
    }

    /** A size in 0..max, with 0 and max more often than a uniform pick would give them. */
    public static int size(Random r, int max) {
        return switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1 -> max;
            default -> r.nextInt(max + 1);
        };
    }

    public static int anyInt(Random r) {
        return r.nextInt(5) == 0 ? oneOf(r, 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE) : r.nextInt();
    }

    public static long anyLong(Random r) {
        return r.nextInt(5) == 0 ? oneOf(r, 0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE) : r.nextLong();
    }

    public static double anyDouble(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> oneOf(r, 0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 0.1);
            case 1 -> (r.nextDouble() - 0.5) * 1e12;
            case 2 -> finite(Double.longBitsToDouble(r.nextLong())); // any finite bit pattern
            default -> Math.round((r.nextDouble() - 0.5) * 2e6) / 100.0;
        };
    }

    private static double finite(double d) {
        return Double.isFinite(d) ? d : 0.5;
    }

    /** One code point of any kind: ASCII (printable and control), Latin-1, the rest of the BMP, supplementary. */
    public static int anyCodePoint(Random r) {
        while (true) {
            int cp = switch (weighted(r, 6, 1, 2, 3, 1, 1)) {
                case 0 -> ' ' + r.nextInt(95);
                case 1 -> r.nextInt(32);
                case 2 -> 0x80 + r.nextInt(0x180);
                case 3 -> r.nextInt(0x10000);
                case 4 -> 0x10000 + r.nextInt(0x100000);
                default -> oneOf(r, 0, (int) '"', (int) '\\', (int) '/', 0x7F, 0xFEFF, 0xFFFD, 0xFFFF, 0x2028, 0x1F600);
            };
            if (!Character.isSurrogate((char) cp) || cp > 0xFFFF) return cp; // no lone surrogates
        }
    }

    /** A string of any code points (never a lone surrogate), up to {@code maxLength} of them. */
    public static String anyString(Random r, int maxLength) {
        int n = size(r, maxLength);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) s.appendCodePoint(anyCodePoint(r));
        return s.toString();
    }

    /** Any string including lone surrogates (chars from the whole 16-bit range, plus pairs). */
    public static String anyChars(Random r, int maxLength) {
        int n = size(r, maxLength);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(20) == 0) s.append((char) (0xD800 + r.nextInt(0x800)));
            else s.appendCodePoint(anyCodePoint(r));
        }
        return s.toString();
    }

    /** Characters from {@code from}..{@code to}, up to {@code maxLength} of them. */
    public static String stringOf(Random r, char from, char to, int maxLength) {
        int n = size(r, maxLength);
        char[] cs = new char[n];
        for (int i = 0; i < n; i++) cs[i] = (char) (from + r.nextInt(to - from + 1));
        return new String(cs);
    }

    /** Random bytes, up to {@code maxLength}. */
    public static byte[] bytes(Random r, int maxLength) {
        byte[] b = new byte[size(r, maxLength)];
        r.nextBytes(b);
        return b;
    }

    /** A readable and bounded rendering of generated bytes or text for a failure message. */
    public static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "... (" + s.length() + " chars)" : s;
    }

    public static String abbreviate(byte[] bytes, int max) {
        return bytes.length + " bytes: " + abbreviate(new String(bytes, StandardCharsets.UTF_8), max);
    }
}
