package crm.bench.segment;

import crm.bench.Benchmark;
import crm.bench.Figure;
import crm.bench.profile.Awaiting;
import crm.bench.profile.Broker;
import crm.bench.profile.Settings;
import crm.bench.profile.StoreWorkspace;
import crm.bench.profile.SuiteDatabase;
import crm.e2e.Service;
import crm.e2e.Suite;
import crm.events.Json;
import crm.events.ProfileChanged;
import crm.events.Topics;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Issue #6: per-change evaluation throughput with 30 segments in the workspace. A store's workspace is created the
 * real way (so it has the presets), custom segments top it up to 30 through the API, then ProfileChanged snapshots of
 * new customers go straight onto crm.profiles.v1; the clock stops when segment-service's projection holds them all
 * (each applied, evaluated against the 30 segments and its entries written to the outbox in one transaction).
 * The workspace's Welcome journey is paused, so no email from this benchmark reaches the journey drain's SMTP server.
 */
public final class SegmentChangeBenchmark implements Benchmark {
    static final int SEGMENTS = 30;
    /** Conditions to top the presets up with; those the service refuses are passed over. */
    private static final List<String> CUSTOM = List.of(
            "total_spent > 500",
            "orders_count >= 3 and total_spent > 200",
            "average_basket > 80",
            "engagement_score >= 10",
            "visits_30d > 3",
            "first_order_date > now - 30d",
            "product_visits_30d >= 5 and orders_count = 0",
            "last_visit within 7d",
            "email contains \"gmail\"",
            "country = \"FR\" and orders_count >= 1",
            "consent_email = \"subscribed\" and total_spent > 100",
            "signup_date < now - 1 year and orders_count = 0");

    @Override
    public String name() {
        return "segment-change";
    }

    @Override
    public List<Figure> run(Suite suite) throws Exception {
        int changes = Settings.count("bench.change.profiles", 3_000);
        StoreWorkspace store = StoreWorkspace.create(suite, "bench segment changes");
        int segments = topUp(suite, store);
        store.pauseWelcome(suite);
        try (Connection db = SuiteDatabase.connect(suite, Service.SEGMENT)) {
            apply(suite, db, store.id(), Math.max(200, changes / 10), 11); // warms the service up
            double rate = apply(suite, db, store.id(), changes, 12);
            System.out.printf(Locale.ROOT, "   %,d profile changes against %d segments at %.0f changes/s%n", changes, segments, rate);
            return List.of(Figure.alone(String.format(Locale.ROOT,
                            "segment per-change evaluation (%d segments: presets + custom; %,d ProfileChanged)", segments, changes),
                    rate, "changes/s", "none in issue #6 (reported)", segments == SEGMENTS));
        }
    }

    /** Waits for the presets, then adds custom segments until the workspace has 30; returns how many it has. */
    private static int topUp(Suite suite, StoreWorkspace store) throws Exception {
        int[] seen = {-1};
        Awaiting.until("the workspace's presets", Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
            int now = segmentCount(suite, store);
            boolean settled = now > 0 && now == seen[0];
            seen[0] = now;
            return settled;
        });
        int count = seen[0];
        for (int i = 0; i < CUSTOM.size() && count < SEGMENTS; i++) {
            HttpResponse<String> r = store.call(suite, Service.SEGMENT, "POST", "/v1/segments",
                    Map.of("name", "Bench " + (i + 1), "condition", CUSTOM.get(i)));
            if (r.statusCode() == 201) count++;
            else System.out.println("   segment \"" + CUSTOM.get(i) + "\" refused: " + r.statusCode() + " " + r.body());
        }
        return segmentCount(suite, store);
    }

    private static int segmentCount(Suite suite, StoreWorkspace store) throws Exception {
        HttpResponse<String> r = store.call(suite, Service.SEGMENT, "GET", "/v1/segments", null);
        if (r.statusCode() != 200) throw new IllegalStateException("listing segments: " + r.statusCode() + " " + r.body());
        return Json.read(r.body(), List.class).size();
    }

    /** Publishes one snapshot per new customer and returns the snapshots applied per second. */
    private static double apply(Suite suite, Connection db, String workspaceId, int count, long seed) throws Exception {
        long already = SegmentTables.projected(db, workspaceId);
        Random random = new Random(seed);
        Instant now = Instant.now();
        try (Broker broker = new Broker(suite)) {
            Instant start = Instant.now();
            for (int i = 0; i < count; i++) {
                String profileId = UUID.randomUUID().toString();
                ProfileChanged snapshot = new ProfileChanged(workspaceId, profileId, 1, now, "bench-" + profileId,
                        traits(random, i, now));
                broker.send(Topics.PROFILES, profileId, Json.write(snapshot));
            }
            broker.flush();
            Instant done = Awaiting.until(count + " snapshots applied", Duration.ofSeconds(Math.max(300, count / 10)),
                    Duration.ofMillis(100), () -> SegmentTables.projected(db, workspaceId) >= already + count);
            return count / Awaiting.seconds(start, done);
        }
    }

    /** A customer's traits as profile-service publishes them: most have ordered, dates spread over two years. */
    static Map<String, Object> traits(Random random, int i, Instant now) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("email", "customer" + i + (random.nextBoolean() ? "@gmail.com" : "@bench.example"));
        t.put("country", random.nextBoolean() ? "FR" : "DE");
        t.put("consent_email", random.nextInt(4) == 0 ? "unsubscribed" : "subscribed");
        t.put("signup_date", now.minus(Duration.ofDays(random.nextInt(730))).toString());
        int orders = random.nextInt(5);
        t.put("orders_count", orders);
        if (orders > 0) {
            double spent = orders * (10 + random.nextInt(200));
            t.put("total_spent", spent);
            t.put("average_basket", Math.round(spent / orders * 100) / 100.0);
            Instant last = now.minus(Duration.ofDays(random.nextInt(365)));
            t.put("last_order_date", last.toString());
            t.put("first_order_date", last.minus(Duration.ofDays(random.nextInt(365))).toString());
        }
        int visits = random.nextInt(10);
        int productVisits = random.nextInt(8);
        t.put("visits_30d", visits);
        t.put("product_visits_30d", productVisits);
        t.put("engagement_score", visits + 4 * productVisits + random.nextInt(20));
        t.put("last_visit", now.minus(Duration.ofHours(random.nextInt(24 * 60))).toString());
        t.put("last_activity", now.minus(Duration.ofHours(random.nextInt(24 * 90))).toString());
        return t;
    }
}
