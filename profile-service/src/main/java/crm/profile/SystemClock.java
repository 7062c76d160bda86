package crm.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.InstantSource;

/** "Now" for the whole service, one bean so tests can replace it instead of waiting. */
@ApplicationScoped
public class SystemClock {
    @Produces
    @Singleton
    InstantSource clock() {
        return InstantSource.system();
    }
}
