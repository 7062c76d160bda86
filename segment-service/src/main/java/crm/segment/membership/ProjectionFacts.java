package crm.segment.membership;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Gives snapshots stored before facts existed (migration V2) their facts, once, at start. */
@ApplicationScoped
public class ProjectionFacts {
    private static final Logger LOG = Logger.getLogger(ProjectionFacts.class);

    @Inject
    ProjectionRepository projection;

    void onStart(@Observes StartupEvent start) {
        int total = 0;
        int filled;
        do {
            filled = projection.fillMissingFacts(500);
            total += filled;
        } while (filled == 500);
        if (total > 0) LOG.infof("computed the facts of %d stored profile snapshots", total);
    }
}
