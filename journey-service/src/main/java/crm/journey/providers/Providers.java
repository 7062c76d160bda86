package crm.journey.providers;

import crm.events.MessageEvent.Channel;
import crm.journey.guards.RateLimit;
import crm.journey.runtime.Database;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every provider by name, the one each workspace chose per channel (else the configured default), and their rates. */
@ApplicationScoped
public class Providers {
    private final Map<String, Provider> byName;
    private final Map<String, RateLimit> rates = new ConcurrentHashMap<>();

    @Inject
    ProviderSettings settings;
    @Inject
    Database database;

    @Inject
    public Providers(@All List<Provider> providers) {
        this.byName = providers.stream().collect(Collectors.toUnmodifiableMap(Provider::name, Function.identity()));
    }

    public Optional<Provider> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean serves(String provider, Channel channel) {
        Provider p = byName.get(provider);
        return p != null && (p.channel() == channel || (channel == Channel.whatsapp && p.channel() == Channel.sms));
    }

    /** The workspace's choice for the channel, else the configured default; empty when neither names one. */
    public Optional<ProviderChoice> chosen(String workspaceId, Channel channel) {
        Optional<ProviderChoice> own = database.read(c -> find(c, workspaceId, channel));
        if (own.isPresent()) return own;
        String provider = settings.defaults().get(channel.name());
        if (provider == null || provider.isBlank()) return Optional.empty();
        return Optional.of(new ProviderChoice(channel.name(), provider.trim(),
                channel == Channel.webhook ? settings.webhook().url().orElse(null) : null));
    }

    public List<ProviderChoice> chosen(String workspaceId) {
        return java.util.Arrays.stream(Channel.values()).map(ch -> chosen(workspaceId, ch)).flatMap(Optional::stream).toList();
    }

    public void choose(String workspaceId, ProviderChoice choice, Instant now) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into workspace_providers (workspace_id, channel, provider, url, updated_at) values (?, ?, ?, ?, ?)
                    on conflict (workspace_id, channel) do update
                    set provider = excluded.provider, url = excluded.url, updated_at = excluded.updated_at""")) {
                ps.setString(1, workspaceId);
                ps.setString(2, choice.channel());
                ps.setString(3, choice.provider());
                ps.setString(4, choice.url());
                ps.setObject(5, Database.timestamp(now));
                return ps.executeUpdate();
            }
        });
    }

    /** Takes a slot of the provider's send rate; empty when it got one, else how long to wait. */
    public Optional<Duration> acquire(String provider, Instant now) {
        Double perSecond = settings.ratePerSecond().get(provider);
        if (perSecond == null || perSecond <= 0) return Optional.empty();
        return rates.computeIfAbsent(provider, p -> new RateLimit(perSecond)).tryAcquire(now);
    }

    private static Optional<ProviderChoice> find(Connection c, String workspaceId, Channel channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select provider, url from workspace_providers where workspace_id = ? and channel = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, channel.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ProviderChoice(channel.name(), rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }
}
