package crm.ingest.workspace;

import crm.events.ApiTokens;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;

/** Signs workspace API tokens (RS256, key from smallrye.jwt.sign.key) that every service verifies on its own. */
@ApplicationScoped
public class ApiTokenIssuer {
    @Inject
    InstantSource clock;

    @ConfigProperty(name = "crm.api-token.lifespan")
    Duration lifespan;

    public String issue(String workspaceId) {
        Instant now = clock.instant();
        return Jwt.issuer(ApiTokens.ISSUER)
                .subject(workspaceId)
                .claim(ApiTokens.WORKSPACE_CLAIM, workspaceId)
                .groups(Set.of(ApiTokens.WORKSPACE_ROLE))
                .issuedAt(now)
                .expiresAt(now.plus(lifespan))
                .sign();
    }
}
