package crm.e2e.security;

import com.fasterxml.jackson.databind.JsonNode;
import crm.e2e.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fuzzes every operation every service documents in its OpenAPI: seeded random and mutated requests (see
 * {@link FuzzCases}). Whatever comes in, the answer is a 4xx problem+json or, for valid input only, a 2xx; never a
 * 5xx. A phase of requests that must all be refused leaves every topic's end offsets and every table's content as
 * they were.
 *
 * <p>The cases derive from a fixed seed, so every run sends the same ones; {@code -Dcrm.fuzz.seed=N} picks another
 * set, {@code -Dcrm.fuzz.refused-per-operation} and {@code -Dcrm.fuzz.mutations-per-operation} change how many.
 */
@ExtendWith(SharedSuite.class)
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndpointFuzzIT {
    private static final long SEED = Long.getLong("crm.fuzz.seed", 20261123L);
    private static final int REFUSED_PER_OPERATION = Integer.getInteger("crm.fuzz.refused-per-operation", 12);
    private static final int MUTATIONS_PER_OPERATION = Integer.getInteger("crm.fuzz.mutations-per-operation", 24);

    private static SharedSuite.Running s;
    private static List<OpenApi.Operation> operations;
    private static FuzzCases cases;

    @BeforeAll
    static void tenantsAndOperations() {
        s = SharedSuite.get();
        Tenant own = Tenant.create(s, "Fuzz");
        Tenant other = Tenant.create(s, "Bystander");
        cases = new FuzzCases(s, own, other);
        // Deletions come last, so the other operations still find the fuzzed tenant's profile, segment and journey.
        operations = OpenApi.all(s);
    }

    @Test
    @Order(1)
    void every_service_documents_its_operations() {
        Map<Service, Long> perService = new TreeMap<>();
        operations.forEach(o -> perService.merge(o.service(), 1L, Long::sum));
        System.out.println("fuzz: " + operations.size() + " operations " + perService);
        operations.forEach(o -> System.out.println("  " + o + " (" + o.auth() + ")"));
        assertThat(perService).containsKeys(Service.values());
        assertThat(operations).extracting(OpenApi.Operation::key).contains("POST /v1/workspaces", "POST /v1/track",
                "GET /v1/profiles/{id}", "POST /v1/segments", "POST /v1/journeys");
    }

    @Test
    @Order(2)
    void requests_that_must_be_refused_get_a_4xx_problem_and_store_nothing() {
        List<FuzzCases.Case> refused = new ArrayList<>();
        for (OpenApi.Operation op : operations) refused.addAll(cases.refused(op, random(op, 1), REFUSED_PER_OPERATION));

        Footprint before = quiet();
        Outcomes outcomes = new Outcomes();
        for (FuzzCases.Case c : refused) outcomes.check(c, send(c), true);
        // Give asynchronous consumers the time to show a leak (a publish after the answer, a late write).
        Footprint after = quiet();

        outcomes.print("refused-only phase, seed " + SEED);
        assertThat(refused).hasSizeGreaterThanOrEqualTo(operations.size() * REFUSED_PER_OPERATION);
        assertThat(outcomes.failures).as("answers that break the rules (seed %d)", SEED).isEmpty();
        assertThat(after.differencesFrom(before)).as("stored by refused requests").isEmpty();
    }

    @Test
    @Order(3)
    void mutated_requests_never_get_a_5xx_and_every_refusal_is_a_problem() {
        Outcomes outcomes = new Outcomes();
        int sent = 0;
        for (OpenApi.Operation op : operations) {
            for (FuzzCases.Case c : cases.mutated(op, random(op, 2), MUTATIONS_PER_OPERATION)) {
                RawHttp.Answer a = send(c);
                outcomes.check(c, a, false);
                rememberIssuedSecrets(a);
                sent++;
            }
        }
        outcomes.print("mutation phase, seed " + SEED);
        assertThat(sent).isGreaterThanOrEqualTo(operations.size() * MUTATIONS_PER_OPERATION);
        assertThat(outcomes.failures).as("answers that break the rules (seed %d)", SEED).isEmpty();
    }

    /** The per-operation generator: the same cases for an operation whatever the others. */
    private static Random random(OpenApi.Operation op, int phase) {
        return new Random(SEED * 31 + op.toString().hashCode() * 7L + phase);
    }

    /** The answer, or status 0 when the server closed the connection without one. */
    private static RawHttp.Answer send(FuzzCases.Case c) {
        try {
            return s.http.send(c.method(), c.url(), c.headers(), c.body());
        } catch (AssertionError closed) {
            return new RawHttp.Answer(0, "", String.valueOf(closed.getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Write keys and tokens the fuzzing had issued (new workspaces, rotations) join the secrets of the log scan. */
    private static void rememberIssuedSecrets(RawHttp.Answer a) {
        if (a.status() / 100 != 2 || !a.contentType().contains("json")) return;
        JsonNode body = a.json();
        for (String field : List.of("writeKey", "apiToken")) {
            if (body.hasNonNull(field)) s.remember("issued " + field, body.get(field).asText());
        }
    }

    /** Waits until two footprints a few seconds apart agree: the suite has finished what earlier requests started. */
    private static Footprint quiet() {
        AtomicReference<Footprint> last = new AtomicReference<>(Footprint.of(s));
        await().pollDelay(Duration.ofSeconds(3)).pollInterval(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(90)).until(() -> {
            Footprint now = Footprint.of(s);
            return now.equals(last.getAndSet(now));
        });
        return last.get();
    }

    /** Tallies the answers and collects every one that breaks the rules. */
    static final class Outcomes {
        /** journey-service answers the runs of any profile id it does not know with [], by design (README): nothing to infer. */
        private static final java.util.regex.Pattern EMPTY_BY_DESIGN = java.util.regex.Pattern.compile(".*/v1/profiles/[^/]+/runs$");

        final List<String> failures = new ArrayList<>();
        private final Map<String, Integer> byStatus = new TreeMap<>();
        private int total;

        void check(FuzzCases.Case c, RawHttp.Answer a, boolean mustBeRefused) {
            total++;
            byStatus.merge(a.status() / 100 + "xx " + a.status(), 1, Integer::sum);
            String broken = broken(c, a, mustBeRefused);
            if (broken == null) return;
            String text = a.text();
            failures.add(broken + ": " + a.status() + " " + (text.length() > 300 ? text.substring(0, 300) : text) + " <- " + c);
        }

        private static String broken(FuzzCases.Case c, RawHttp.Answer a, boolean mustBeRefused) {
            if (a.status() == 0) return "no answer";
            if (a.status() >= 500) return "server error";
            if (mustBeRefused && a.status() < 400) {
                boolean emptyByDesign = c.method().equals("GET") && EMPTY_BY_DESIGN.matcher(c.url()).matches() && a.text().equals("[]");
                return emptyByDesign ? null : "accepted a request that must be refused";
            }
            if (a.status() < 400) return c.what().equals("trailing garbage") ? "accepted JSON followed by garbage" : null;
            if (!a.isProblem()) return "refusal without application/problem+json (Content-Type '" + a.contentType() + "')";
            try {
                JsonNode problem = RawHttp.JSON.readTree(a.body());
                return problem.path("status").asInt() == a.status() ? null : "problem whose status differs from the answer's";
            } catch (java.io.IOException e) {
                return "problem+json that is not JSON";
            }
        }

        void print(String phase) {
            System.out.println("fuzz " + phase + ": " + total + " cases, answers " + byStatus + ", " + failures.size() + " broke the rules");
            failures.stream().limit(60).forEach(f -> System.out.println("  " + f));
        }
    }
}
