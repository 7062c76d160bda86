package crm.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import crm.bench.ingest.SampleEvents;
import crm.bench.ingest.TrackingApi;
import crm.e2e.Service;
import crm.e2e.Suite;
import crm.events.Json;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A journey whose first step sends an email at once when the event {@link #EVENT} arrives, and the inbox it lands in:
 * each event is of its own customer (address {@code <prefix>-<n>@bench.example.com}), so a received email names the
 * event it answers.
 */
public final class SendAtOnceJourney {
    public static final String EVENT = "Bench Ping";
    static final String DOMAIN = "@bench.example.com";

    private final Suite suite;
    private final TrackingApi api;
    private final TrackingApi.Workspace workspace;

    private SendAtOnceJourney(Suite suite, TrackingApi api, TrackingApi.Workspace workspace) {
        this.suite = suite;
        this.api = api;
        this.workspace = workspace;
    }

    /** Creates and activates the journey in the workspace (journey-service API, README "API"). */
    public static SendAtOnceJourney create(Suite suite, TrackingApi api, TrackingApi.Workspace workspace) throws IOException, InterruptedException {
        Map<String, Object> definition = Map.of(
                "trigger", Map.of("type", "event", "event", EVENT),
                "steps", List.of(Map.of("type", "send", "id", "ping", "channel", "email", "template", "welcome")));
        JsonNode journey = api.call(Service.JOURNEY, "POST", "/v1/journeys", workspace,
                Json.write(Map.of("name", "Bench: send at once", "definition", definition)));
        api.call(Service.JOURNEY, "POST", "/v1/journeys/" + journey.get("id").asText() + "/activate", workspace, null);
        return new SendAtOnceJourney(suite, api, workspace);
    }

    /** The track call of the n-th customer of a run (prefix): one event, one email expected. */
    public HttpRequest event(String prefix, long n) {
        String user = prefix + "-" + n;
        return api.track(workspace, "/v1/track", SampleEvents.track(UUID.randomUUID().toString(), user, EVENT, user + DOMAIN, n));
    }

    /** Sends one event and waits for its email: proves the whole path works before anything is measured. */
    public Duration probe(String prefix, Duration timeout) throws InterruptedException {
        long start = System.currentTimeMillis();
        int status = api.send(event(prefix, 0));
        if (status != 200) throw new IllegalStateException("probe event answered " + status);
        Instant deadline = Instant.now().plus(timeout);
        while (received(prefix).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no email for the probe event within " + timeout + "; see " + suite.log(Service.JOURNEY));
            }
            Thread.sleep(200);
        }
        return Duration.ofMillis(received(prefix).get(0L) - start);
    }

    /**
     * The emails of a run in the inbox.
     *
     * @param firstAt the arrival time (GreenMail's receive date, epoch millis) of each customer's first email
     * @param total   every email of the run, so {@code total - firstAt.size()} were sent more than once
     */
    public record Inbox(Map<Long, Long> firstAt, int total) {
        public int duplicates() {
            return total - firstAt.size();
        }
    }

    /**
     * Waits until {@code expected} customers of the run got their email, the SMTP server received nothing at all for
     * {@code quiet} (the suite stopped sending, also earlier runs' emails), or {@code max} passed (a run that cannot
     * keep up must still end); prints the progress every ten seconds.
     */
    public Inbox awaitEmails(String prefix, int expected, Duration quiet, Duration max) throws InterruptedException {
        Instant start = Instant.now();
        Inbox got = inbox(prefix);
        int seen = suite.smtp().received().size();
        Instant lastNew = start;
        Instant lastPrint = start;
        while (got.firstAt().size() < expected && Instant.now().isBefore(lastNew.plus(quiet)) && Instant.now().isBefore(start.plus(max))) {
            Thread.sleep(500);
            got = inbox(prefix);
            int all = suite.smtp().received().size();
            if (all > seen) {
                seen = all;
                lastNew = Instant.now();
            }
            if (Instant.now().isAfter(lastPrint.plusSeconds(10))) {
                lastPrint = Instant.now();
                System.out.printf("   ... %d of %d emails in%n", got.firstAt().size(), expected);
            }
        }
        return got;
    }

    private Map<Long, Long> received(String prefix) {
        return inbox(prefix).firstAt();
    }

    /** Every email of the run so far. */
    Inbox inbox(String prefix) {
        int total = 0;
        Map<Long, Long> at = new HashMap<>();
        String start = prefix + "-";
        for (MimeMessage m : suite.smtp().received()) {
            try {
                Address[] to = m.getAllRecipients();
                if (to == null || to.length == 0) continue;
                String address = to[0].toString();
                if (!address.startsWith(start) || !address.endsWith(DOMAIN)) continue;
                long n = Long.parseLong(address.substring(start.length(), address.length() - DOMAIN.length()));
                at.merge(n, m.getReceivedDate().getTime(), Math::min);
                total++;
            } catch (MessagingException | NumberFormatException e) {
                // not one of ours
            }
        }
        return new Inbox(at, total);
    }
}
