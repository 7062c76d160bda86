package crm.journey.runs;

import crm.events.PresetSegments;
import crm.events.ProfileErased;
import crm.events.ProfileMerged;
import crm.journey.JourneyScenarios;
import crm.journey.journeys.JourneyTemplates;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static crm.journey.JourneyScenarios.PATIENCE;
import static crm.journey.JourneyScenarios.awaitSubjects;
import static crm.journey.JourneyScenarios.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Runs follow their profile on crm.profiles.v1: merged into the survivor, cancelled on erasure. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class ProfileRunsTest {
    private final JourneyScenarios ws = JourneyScenarios.ofNewWorkspace();

    @Test
    void a_merge_moves_the_merged_profile_runs_to_the_survivor() {
        String email = email("merged");
        ws.enter(PresetSegments.CUSTOMERS, "p-dup", Map.of("email", email));
        awaitSubjects(email, "Welcome!");
        String run = ws.awaitRun("p-dup", JourneyTemplates.journeyId(ws.workspaceId(), JourneyTemplates.WELCOME));

        ws.publishProfile(new ProfileMerged(ws.workspaceId(), "p-main", "p-dup", Instant.now()));
        await().atMost(PATIENCE).until(() -> ws.runs("p-main").getList("$").size() == 1);
        assertThat(ws.runs("p-main").getString("[0].id")).isEqualTo(run);
        assertThat(ws.runs("p-dup").getList("$")).isEmpty();
        assertThat(ws.timeline(run).getString("status")).isEqualTo("running");
    }

    @Test
    void an_erasure_cancels_the_profile_runs() {
        String email = email("erased");
        ws.enter(PresetSegments.CUSTOMERS, "p-gone", Map.of("email", email));
        awaitSubjects(email, "Welcome!");
        String run = ws.awaitRun("p-gone", JourneyTemplates.journeyId(ws.workspaceId(), JourneyTemplates.WELCOME));
        ws.awaitAt(run, "wait-3-days");

        ws.publishProfile(new ProfileErased(ws.workspaceId(), "p-gone", Instant.now(), "api"));
        ws.awaitStatus(run, "cancelled");
        assertThat(ws.timeline(run).getString("endReason")).isEqualTo("profile erased");
        assertThat(ws.timeline(run).getString("dueAt")).isNull();
    }
}
