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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Issue #7: due send steps drained into the SMTP server by the real journey-service (claim with SKIP LOCKED, guards,
 * render, quarkus-mailer, outcome and run progress, message event), beside the same SMTP server's accept rate for the
 * same message from a plain client, in the same run. The due steps are written straight into journey-service's tables
 * as a Welcome run reaching its first email would have written them; the clock runs from their commit until the last
 * one is finished.
 *
 * <p>The send worker claims {@code crm.journey.sends.batch-size} sends per round and starts a round every
 * {@code crm.journey.sends.every} (1 s) unless one is running: with the default batch of 20 the drain cannot exceed
 * 20 sends/s whatever the machine, so the run sets a batch (bench.drain.batch-size, default 200) that keeps the worker
 * busy, then puts the default back. Received mail is purged as it arrives, so a hundred thousand messages do not
 * fill this JVM's heap.
 */
public final class JourneyDrainBenchmark implements Benchmark {
    private static final String FROM = "shop@localhost";

    @Override
    public String name() {
        return "journey-drain";
    }

    @Override
    public List<Figure> run(Suite suite) throws Exception {
        int count = Settings.count("bench.drain.sends", 100_000);
        int batch = Settings.count("bench.drain.batch-size", 200);
        int plain = Settings.count("bench.smtp.messages", Math.min(count, 20_000));
        restart(suite, String.valueOf(batch));
        try {
            StoreWorkspace store = StoreWorkspace.create(suite, "bench journey drain");
            byte[][] sample = {null};
            double sendsPerSecond;
            try (Connection db = SuiteDatabase.connect(suite, Service.JOURNEY)) {
                JourneyTables.JourneyRef[] welcome = {null};
                Awaiting.until("the workspace's Welcome journey", Duration.ofSeconds(60), Duration.ofMillis(250),
                        () -> (welcome[0] = JourneyTables.welcome(db, store.id())) != null);
                suite.smtp().purge();
                Instant start = load(suite, db, store.id(), welcome[0], count);
                Instant done = Awaiting.until(count + " sends finished", Duration.ofSeconds(Math.max(600, count / 20)),
                        Duration.ofMillis(250), () -> {
                            keepHeapSmall(suite.smtp(), sample);
                            return finished(JourneyTables.statuses(db, store.id())) >= count;
                        });
                keepHeapSmall(suite.smtp(), sample);
                Map<String, Long> statuses = JourneyTables.statuses(db, store.id());
                long sent = statuses.getOrDefault("sent", 0L);
                sendsPerSecond = sent / Awaiting.seconds(start, done);
                System.out.printf(Locale.ROOT, "   drained %,d due sends in %.1f s: %s%n", count, Awaiting.seconds(start, done), statuses);
                if (sent < count) System.out.println("   NOTE: not every send was sent (see statuses); the figure counts sent ones only");
            }
            if (sample[0] == null) throw new IllegalStateException("no message reached the SMTP server");
            double smtpPerSecond = plainClient(suite.smtp(), sample[0], plain);
            System.out.printf(Locale.ROOT, "   plain SMTP client: %,d messages of %,d bytes at %.0f/s%n", plain, sample[0].length, smtpPerSecond);
            return List.of(Figure.atLeast(String.format(Locale.ROOT,
                            "journey drain: %,d due Welcome emails sent into SMTP (send batch %d)", count, batch),
                    sendsPerSecond, "sends/s",
                    String.format(Locale.ROOT, "plain SMTP client, one connection, same message, %,d messages", plain),
                    smtpPerSecond, 0.5));
        } finally {
            restart(suite, "20");
        }
    }

    /** Writes the due sends (the sends last, so none is due before all are there); returns when they were committed. */
    private static Instant load(Suite suite, Connection db, String workspaceId, JourneyTables.JourneyRef journey, int count) throws Exception {
        String at = Instant.now().toString();
        try (Connection c2 = SuiteDatabase.connect(suite, Service.JOURNEY);
             Connection c3 = SuiteDatabase.connect(suite, Service.JOURNEY);
             Connection c4 = SuiteDatabase.connect(suite, Service.JOURNEY)) {
            TableCopy sends = JourneyTables.sends(c4);
            try (TableCopy contacts = JourneyTables.contacts(db); TableCopy runs = JourneyTables.runs(c2);
                 TableCopy steps = JourneyTables.runSteps(c3)) {
                for (int i = 0; i < count; i++) {
                    JourneyTables.dueSend(workspaceId, journey, UUID.randomUUID().toString(), "drain" + i + "@bench.example",
                            at, contacts, runs, steps, sends);
                }
            } // contacts, runs and steps committed
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

    private static double plainClient(Smtp smtp, byte[] message, int count) throws Exception {
        smtp.purge();
        // Purged beside the client, as during the drain, so the client's loop is only SMTP.
        ScheduledExecutorService purging = Executors.newSingleThreadScheduledExecutor();
        purging.scheduleWithFixedDelay(smtp::purge, 250, 250, TimeUnit.MILLISECONDS);
        try (PlainSmtpClient client = new PlainSmtpClient("127.0.0.1", smtp.port())) {
            for (int i = 0; i < 100; i++) client.send(FROM, "warm" + i + "@bench.example", message);
            Instant start = Instant.now();
            for (int i = 0; i < count; i++) client.send(FROM, "plain" + i + "@bench.example", message);
            return count / Awaiting.seconds(start, Instant.now());
        } finally {
            purging.shutdownNow();
            purging.awaitTermination(10, TimeUnit.SECONDS);
            smtp.purge();
        }
    }

    private static void restart(Suite suite, String batchSize) {
        suite.environment(Service.JOURNEY, "CRM_JOURNEY_SENDS_BATCH_SIZE", batchSize);
        suite.stop(Service.JOURNEY);
        suite.launch(Service.JOURNEY);
        suite.awaitReady(Service.JOURNEY, Duration.ofSeconds(180));
    }
}
