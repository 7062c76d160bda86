package crm.profile.predictions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CDNOW fixtures (copied verbatim from /work/shared/data/cdnow into src/test/resources/cdnow, MIT, see the
 * LICENSE there): the 1/10 sample of purchases and the reference summary lifetimes computes from it.
 */
final class Cdnow {
    /** The calibration period ends on this day, inclusive (the cdnow README). */
    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    private Cdnow() {
    }

    /** One row of cdnow_customers_summary.csv: weeks, rounded to 2 decimals. */
    record Summary(int id, int frequency, String recency, String age) {
    }

    /** The purchase days of every customer of CDNOW_sample.txt, by sample id. */
    static Map<Integer, List<LocalDate>> samplePurchaseDays() {
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        Map<Integer, List<LocalDate>> days = new TreeMap<>();
        for (String line : lines("cdnow/CDNOW_sample.txt")) {
            if (line.isBlank()) continue;
            // master_id sample_id date cds dollar_value, separated by runs of spaces
            String[] f = line.trim().split("\\s+");
            days.computeIfAbsent(Integer.parseInt(f[1]), id -> new ArrayList<>()).add(LocalDate.parse(f[2], yyyymmdd));
        }
        return days;
    }

    static Map<Integer, Summary> summary() {
        Map<Integer, Summary> out = new LinkedHashMap<>();
        List<String> rows = lines("cdnow/cdnow_customers_summary.csv");
        for (String row : rows.subList(1, rows.size())) {
            if (row.isBlank()) continue;
            String[] f = row.split(",");
            out.put(Integer.parseInt(f[0]), new Summary(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], f[3]));
        }
        return out;
    }

    /** The summary as model inputs, exactly as lifetimes fitted them (rounded weeks). */
    static List<PurchaseHistory> summaryHistories() {
        return summary().values().stream()
                .map(s -> new PurchaseHistory(s.frequency(), Double.parseDouble(s.recency()), Double.parseDouble(s.age())))
                .toList();
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Cdnow.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return r.lines().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
