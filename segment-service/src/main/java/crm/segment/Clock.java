package crm.segment;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.InstantSource;

/** "Now" for the whole service, as a bean so tests can move time instead of sleeping. */
public class Clock {
    @Produces
    @Singleton
    InstantSource now() {
        return InstantSource.system();
    }
}
