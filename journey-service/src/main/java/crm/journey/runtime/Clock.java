package crm.journey.runtime;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.InstantSource;

/** The one source of "now" for the service, so tests can move time instead of sleeping. */
public class Clock {
    @Produces
    @Singleton
    InstantSource instantSource() {
        return InstantSource.system();
    }
}
