package crm.ingest;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.InstantSource;

/** The one source of "now" in the service, so tests can replace it instead of sleeping. */
public class SystemTime {
    @Produces
    @Singleton
    InstantSource clock() {
        return InstantSource.system();
    }
}
