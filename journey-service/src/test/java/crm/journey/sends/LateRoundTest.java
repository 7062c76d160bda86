package crm.journey.sends;

import crm.journey.TestClock;
import crm.journey.runtime.SendSettings;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker whose round runs late (an overloaded machine, a long pause) gets to sends whose lease ran out and that
 * another worker took up and sent meanwhile: it leaves them alone instead of sending them a second time.
 */
@QuarkusTest
@TestProfile(ManualSendWorker.class)
@QuarkusTestResource(CrmTestInfra.class)
class LateRoundTest {
    @Inject
    WelcomeBacklog backlog;
    @Inject
    SendRepository sends;
    @Inject
    SendWorker worker;
    @Inject
    SendSettings settings;

    @AfterEach
    void putTheClockBack() {
        TestClock.reset();
    }

    @Test
    void a_round_that_reaches_its_sends_after_their_lease_sends_none_of_them_twice() {
        String ws = "ws-" + UUID.randomUUID();
        List<String> recipients = backlog.start(ws, "late", 3);
        Instant now = TestClock.now();
        List<ClaimedSend> lateRound = sends.claim(now, now.plus(settings.lease()), 1_000);
        assertThat(lateRound).extracting(ClaimedSend::workspaceId).contains(ws);

        TestClock.advance(settings.lease().plus(Duration.ofSeconds(1)));
        while (worker.deliverDue() > 0) {
            // another worker takes the expired sends up and sends them
        }
        worker.deliverRound(lateRound);

        Deliveries.eachSentOnce(recipients, backlog.sends(ws));
        assertThat(recipients).allSatisfy(r -> assertThat(CrmTestInfra.smtp().receivedBy(r)).hasSize(1));
    }
}
