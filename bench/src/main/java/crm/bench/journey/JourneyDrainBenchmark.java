package crm.bench.journey;

import crm.bench.Benchmark;
import crm.bench.Figure;
import crm.bench.profile.Awaiting;
import crm.bench.profile.Settings;
import crm.bench.profile.StoreWorkspace;
import crm.bench.profile.SuiteDatabase;
import crm.bench.profile.TableCopy;
import crm.e2e.Service;
import crm.e2e.Suite;
import crm.testing.Smtp;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue #7: due send steps drained into the SMTP server by the real journey-service (claim with SKIP LOCKED, guards,
 * render, quarkus-mailer, outcome and run progress, message event), beside the same SMTP server's accept rate for the
 * same message from a plain client, in the same run. The due steps are written straight into journey-service's tables
 * as a Welcome run reaching its first email would have written them; the clock runs from their commit until the last
 * one is finished or the time budget ({@code bench.drain.seconds}, 180 s) is spent, whichever comes first: the backlog
 * is the issue's, the run time stays bounded, and the sends left are withdrawn.
 *
 * <p>journey-service runs with its defaults: {@code crm.journey.sends.concurrency} (8) workers, each claiming small
 * batches while full ones come back. The ceiling is the same number of plain SMTP connections sending the same message
 * one after the other. Received mail is purged as it arrives, so a hundred thousand messages do not fill this JVM's
 * heap.
 */
public final class JourneyDrainBenchmark implements Benchmark {
    private static final String FROM = "shop@localhost";
    /** journey-service's default crm.journey.sends.concurrency: as many connections for the plain client. */
    static final int CONNECTIONS = 8;

    @Override
    public String name() {
        return "journey-drain";
    }

    @Override
    public List<Figure> run(Suite suite) throws Exception {
        int count = Settings.count("bench.drain.sends", 100_000);
        Duration budget = Duration.ofSeconds(Settings.count("bench.drain.seconds", 180));
        int plainMost = Settings.count("bench.smtp.messages", 20_000);
        Duration plainBudget = Duration.ofSeconds(Settings.count("bench.smtp.seconds", 30));
        StoreWorkspace store = StoreWorkspace.create(suite, "bench journey drain");
        byte[][] sample = {null};
        double sendsPerSecond;
        long sent;
        try (Connection db = SuiteDatabase.connect(suite, Service.JOURNEY)) {
            JourneyTables.JourneyRef[] welcome = {null};
            Awaiting.until("the workspace's Welcome journey", Duration.ofSeconds(60), Duration.ofMillis(250),
                    () -> (welcome[0] = JourneyTables.welcome(db, store.id())) != null);
            suite.smtp().purge();
            Instant start = load(suite, db, store.id(), welcome[0], count);
            Instant end = start.plus(budget);
            Map<String, Long> statuses;
            Instant seen;
            do {
                Thread.sleep(250);
                keepHeapSmall(suite.smtp(), sample);
                statuses = JourneyTables.statuses(db, store.id());
                seen = Instant.now();
            } while (finished(statuses) < count && seen.isBefore(end));
            sent = statuses.getOrDefault("sent", 0L);
            sendsPerSecond = sent / Awaiting.seconds(start, seen);
            System.out.printf(Locale.ROOT, "   %,d of %,d due sends finished in %.1f s: %s%n", finished(statuses), count,
                    Awaiting.seconds(start, seen), statuses);
            if (finished(statuses) > statuses.getOrDefault("sent", 0L)) {
                System.out.println("   NOTE: not every finished send was sent (see statuses); the figure counts sent ones only");
            }
            withdrawTheRest(db, store.id());
            keepHeapSmall(suite.smtp(), sample);
        }
        if (sample[0] == null) throw new IllegalStateException("no message reached the SMTP server");
        PlainRate plain = plainClient(suite.smtp(), sample[0], plainMost, plainBudget);
        System.out.printf(Locale.ROOT, "   plain SMTP client: %,d messages of %,d bytes at %.0f/s%n", plain.messages(),
                sample[0].length, plain.perSecond());
        return List.of(Figure.atLeast(String.format(Locale.ROOT,
                        "journey drain: %,d due Welcome emails, %,d sent into SMTP (defaults: %d workers)", count, sent, CONNECTIONS),
                sendsPerSecond, "sends/s",
                String.format(Locale.ROOT, "plain SMTP client, %d connections, same message, %,d messages", CONNECTIONS, plain.messages()),
                plain.perSecond(), 0.5));
    }

    /**
     * After the time budget: the sends not claimed yet are withdrawn, so the rest of the run does not pay for them,
     * and those being sent are waited for.
     */
    private static void withdrawTheRest(Connection db, String workspaceId) throws Exception {
        int withdrawn = JourneyTables.withdrawPending(db, workspaceId);
        if (withdrawn > 0) System.out.printf(Locale.ROOT, "   %,d due sends left after the time budget withdrawn%n", withdrawn);
        Awaiting.until("the sends under way to finish", Duration.ofSeconds(180), Duration.ofMillis(250),
                () -> JourneyTables.statuses(db, workspaceId).getOrDefault("sending", 0L) == 0);
    }

    /** Writes the due sends, committed table by table in foreign-key order, the sends last; returns their commit. */
    private static Instant load(Suite suite, Connection db, String workspaceId, JourneyTables.JourneyRef journey, int count) throws Exception {
        String at = Instant.now().toString();
        try (Connection c2 = SuiteDatabase.connect(suite, Service.JOURNEY);
             Connection c3 = SuiteDatabase.connect(suite, Service.JOURNEY);
             Connection c4 = SuiteDatabase.connect(suite, Service.JOURNEY)) {
            TableCopy contacts = JourneyTables.contacts(db);
            TableCopy runs = JourneyTables.runs(c2);
            TableCopy steps = JourneyTables.runSteps(c3);
            TableCopy sends = JourneyTables.sends(c4);
            for (int i = 0; i < count; i++) {
                JourneyTables.dueSend(workspaceId, journey, UUID.randomUUID().toString(), "drain" + i + "@bench.example",
                        at, contacts, runs, steps, sends);
            }
            // In foreign-key order; a failure above closes the connections, which aborts the COPYs still open.
            contacts.close();
            runs.close();
            steps.close();
            sends.close();
            return Instant.now();
        }
    }

    private static long finished(Map<String, Long> statuses) {
        return statuses.entrySet().stream().filter(e -> JourneyTables.finished(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** Keeps one received message as the plain client's sample, and empties the server's mailboxes. */
    private static void keepHeapSmall(Smtp smtp, byte[][] sample) throws Exception {
        List<MimeMessage> received = smtp.received();
        if (received.isEmpty()) return;
        if (sample[0] == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            received.get(0).writeTo(bytes);
            sample[0] = PlainSmtpClient.dotStuffed(bytes.toByteArray());
        }
        if (received.size() > 1_000) smtp.purge();
    }

    record PlainRate(int messages, double perSecond) {
    }

    /**
     * Sends the message over and over on {@link #CONNECTIONS} connections at once, up to {@code most} messages or until
     * the budget is spent.
     */
    private static PlainRate plainClient(Smtp smtp, byte[] message, int most, Duration budget) throws Exception {
        smtp.purge();
        // Purged beside the clients, as during the drain, so their loops are only SMTP.
        ScheduledExecutorService purging = Executors.newSingleThreadScheduledExecutor();
        purging.scheduleWithFixedDelay(smtp::purge, 250, 250, TimeUnit.MILLISECONDS);
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<PlainSmtpClient> connections = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) connections.add(new PlainSmtpClient("127.0.0.1", smtp.port()));
            for (PlainSmtpClient client : connections) {
                for (int i = 0; i < 20; i++) client.send(FROM, "warm" + i + "@bench.example", message);
            }
            AtomicInteger next = new AtomicInteger();
            Instant start = Instant.now();
            Instant end = start.plus(budget);
            List<Future<Integer>> counts = new ArrayList<>();
            for (PlainSmtpClient client : connections) {
                counts.add(clients.submit(() -> {
                    int sent = 0;
                    for (int n; (n = next.getAndIncrement()) < most && (n % 100 != 0 || Instant.now().isBefore(end)); sent++) {
                        client.send(FROM, "plain" + n + "@bench.example", message);
                    }
                    return sent;
                }));
            }
            int sent = 0;
            for (Future<Integer> count : counts) sent += count.get();
            double perSecond = sent / Awaiting.seconds(start, Instant.now());
            for (PlainSmtpClient client : connections) client.close();
            return new PlainRate(sent, perSecond);
        } finally {
            clients.shutdownNow();
            purging.shutdownNow();
            purging.awaitTermination(10, TimeUnit.SECONDS);
            smtp.purge();
        }
    }
}
