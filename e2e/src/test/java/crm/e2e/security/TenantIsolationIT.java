package crm.e2e.security;

import crm.e2e.Service;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workspace A's credentials cannot read, change or infer anything of workspace B, on every operation of every
 * service that takes a workspace's ids (enumerated from the OpenAPI documents): B's ids answer exactly as ids that
 * never existed (404, never 403), lists and look-ups never show B's data, and writes aimed at B's ids change nothing.
 */
@ExtendWith(SharedSuite.class)
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantIsolationIT {
    /** Path parameters that name a workspace's data (the others name channels, providers, template keys). */
    private static final Set<String> ID_PARAMS = Set.of("id", "profileId", "runId", "workspaceId");

    private static SharedSuite.Running s;
    private static Tenant a;
    private static Tenant b;
    private static List<OpenApi.Operation> operations;
    private static FuzzCases bodiesOfA;

    @BeforeAll
    static void twoWorkspaces() {
        s = SharedSuite.get();
        a = Tenant.create(s, "Alpha");
        b = Tenant.create(s, "Beta");
        operations = OpenApi.all(s);
        bodiesOfA = new FuzzCases(s, a, b);
    }

    @Test
    @Order(1)
    void lists_and_lookups_with_a_token_of_a_never_show_anything_of_b() {
        int checked = 0;
        for (OpenApi.Operation op : operations) {
            if (!op.method().equals("GET") || op.auth() != OpenApi.Auth.API_TOKEN) continue;
            // A's own ids in the path; B's email, phone and user id wherever a query asks for one.
            StringBuilder query = new StringBuilder();
            for (String q : op.query()) {
                String v = switch (q) {
                    case "email" -> b.email();
                    case "phone" -> b.phone();
                    case "userId" -> b.userId();
                    case "anonymousId", "profileId" -> b.profileId();
                    default -> null;
                };
                if (v != null) query.append(query.isEmpty() ? "?" : "&").append(q).append('=')
                        .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
            RawHttp.Answer answer = s.http.get(a.url(s, op) + query, a.token());
            assertThat(answer.status()).as("%s", op).isLessThan(500);
            String text = answer.text();
            for (String trace : b.traces()) {
                assertThat(text).as("%s with A's token shows B's %s", op, trace).doesNotContain(trace);
            }
            checked++;
        }
        for (String q : List.of("email=" + enc(b.email()), "phone=" + enc(b.phone()), "userId=" + enc(b.userId()))) {
            RawHttp.Answer lookup = s.http.get(s.url(Service.PROFILE) + "/v1/profiles?" + q, a.token());
            assertThat(lookup.status()).as("look-up of B's %s with A's token", q).isEqualTo(404);
        }
        System.out.println("isolation: " + checked + " read operations with A's token showed nothing of B");
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    @Order(2)
    void ids_of_b_are_unknown_to_a_token_of_a_and_writes_to_them_change_nothing() {
        Map<String, String> viewOfB = viewOf(b);
        List<String> covered = new ArrayList<>();
        for (OpenApi.Operation op : operations) {
            if (op.auth() != OpenApi.Auth.API_TOKEN || op.pathParams().stream().noneMatch(ID_PARAMS::contains)) continue;
            RawHttp.Answer ofB = call(op, b.url(s, op), a);
            RawHttp.Answer ofNobody = call(op, urlOfNobody(op), a);
            if (op.service() == Service.JOURNEY && op.path().equals("/v1/profiles/{profileId}/runs")) {
                // By design (journey-service README): any profile it has no runs of answers an empty list.
                assertThat(ofB.status() + " " + ofB.text()).as("%s with A's token on B's ids", op).isEqualTo("200 []");
            } else {
                assertThat(ofB.status()).as("%s with A's token on B's ids: %s", op, ofB.text()).isEqualTo(404);
                assertThat(ofB.isProblem()).as("%s", op).isTrue();
            }
            assertThat(ofB.status()).as("%s: B's id vs no one's", op).isEqualTo(ofNobody.status());
            // Nothing to infer: B's ids are answered exactly as ids that never existed (the id itself aside).
            assertThat(withoutIds(ofB.text(), b)).as("%s: B's id vs no one's", op).isEqualTo(withoutIds(ofNobody.text(), b));
            covered.add(op.toString());
        }
        System.out.println("isolation: " + covered.size() + " operations on B's ids answered A's token 404: " + covered);
        assertThat(covered).hasSizeGreaterThanOrEqualTo(15);
        assertThat(readAll(b)).as("B as B sees itself, after A's writes to B's ids").containsAllEntriesOf(viewOfB);
        // Answers still moving (a backfill running, a segment filling) are left out of the view, so fewer on a busy run.
        assertThat(viewOfB).as("answers compared").hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    @Order(3)
    void a_webhook_signed_with_the_secret_of_a_is_refused_for_b() {
        byte[] order = ("{\"id\":" + System.nanoTime() + ",\"email\":\"" + b.email() + "\",\"total_price\":\"99.00\",\"currency\":\"EUR\"}")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> signedByA = new LinkedHashMap<>();
        signedByA.put("Content-Type", "application/json");
        signedByA.put("X-Shopify-Topic", "orders/create");
        signedByA.put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
        signedByA.put("X-Shopify-Hmac-Sha256", hmac(a.webhookSecret(), order));
        Map<String, String> viewOfB = viewOf(b);

        RawHttp.Answer toB = s.http.send("POST", s.url(Service.INGEST) + "/v1/webhooks/shopify/" + b.id(), signedByA, order);

        assertThat(toB.status()).as(toB.text()).isEqualTo(401);
        assertThat(toB.isProblem()).isTrue();
        assertThat(readAll(b)).containsAllEntriesOf(viewOfB);
        // The signature itself is right: A's own webhook takes the same delivery (of its own customer).
        byte[] ownOrder = new String(order, StandardCharsets.UTF_8).replace(b.email(), a.email()).getBytes(StandardCharsets.UTF_8);
        signedByA.put("X-Shopify-Hmac-Sha256", hmac(a.webhookSecret(), ownOrder));
        RawHttp.Answer toA = s.http.send("POST", s.url(Service.INGEST) + "/v1/webhooks/shopify/" + a.id(), signedByA, ownOrder);
        assertThat(toA.status()).as(toA.text()).isEqualTo(200);
    }

    /**
     * Everything a tenant's own token reads through every GET of every service, answer by answer, once its own data has
     * settled (backfills, folds): read until the answers that change between two reads are the same ones twice running.
     * Those are the answers that change by themselves (times of the export, predictions as of now): left out.
     */
    private static Map<String, String> viewOf(Tenant t) {
        // [0] the last read, [1] the answers that moved at the read before it; polled 2 s apart, as backfills step each second.
        Object[] last = {readAll(t), null};
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                @SuppressWarnings("unchecked") Map<String, String> previous = (Map<String, String>) last[0];
                Map<String, String> current = readAll(t);
                Set<String> moving = new HashSet<>();
                current.forEach((k, v) -> {
                    if (!v.equals(previous.get(k))) moving.add(k);
                });
                boolean settled = moving.equals(last[1]);
                last[0] = current;
                last[1] = moving;
                return settled;
            });
        } catch (ConditionTimeoutException e) {
            // Still moving after a minute: compare what did not move at the last read.
        }
        @SuppressWarnings("unchecked") Map<String, String> view = new LinkedHashMap<>((Map<String, String>) last[0]);
        if (last[1] != null) view.keySet().removeAll((Set<?>) last[1]);
        return view;
    }

    private static Map<String, String> readAll(Tenant t) {
        Map<String, String> view = new LinkedHashMap<>();
        for (OpenApi.Operation op : operations) {
            if (!op.method().equals("GET") || op.auth() != OpenApi.Auth.API_TOKEN) continue;
            RawHttp.Answer answer = s.http.get(t.url(s, op), t.token());
            view.put(op.toString(), answer.status() + " " + answer.text());
        }
        return view;
    }

    private static RawHttp.Answer call(OpenApi.Operation op, String url, Tenant caller) {
        if (!op.hasBody()) return s.http.send(op.method(), url, caller.token(), null);
        return s.http.json(op.method(), url, caller.token(), bodiesOfA.validBody(op));
    }

    private static String urlOfNobody(OpenApi.Operation op) {
        String path = op.path();
        for (String p : op.pathParams()) {
            String v = ID_PARAMS.contains(p) ? UUID.randomUUID().toString() : a.pathValue(op, p);
            path = path.replaceAll("\\{" + p + "(:[^}]*)?}", v);
        }
        return s.url(op.service()) + path;
    }

    private static String withoutIds(String text, Tenant t) {
        String out = text;
        for (String id : List.of(t.id(), t.profileId(), t.segmentId(), t.journeyId(), t.runId())) out = out.replace(id, "<id>");
        return out.replaceAll("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "<id>");
    }

    private static String enc(String v) {
        return java.net.URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
