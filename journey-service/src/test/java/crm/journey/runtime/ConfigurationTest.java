package crm.journey.runtime;

import crm.events.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The channels' topics are written in application.properties; they must stay the contract's (crm.events.Topics). */
class ConfigurationTest {

    private static Properties applicationProperties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = ConfigurationTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        return p;
    }

    @Test
    void channels_use_the_contract_topics_and_the_service_consumer_group() throws IOException {
        Properties p = applicationProperties();
        assertThat(p.getProperty("mp.messaging.incoming.segments.topic")).isEqualTo(Topics.SEGMENTS);
        assertThat(p.getProperty("mp.messaging.incoming.workspaces.topic")).isEqualTo(Topics.WORKSPACES);
        assertThat(p.getProperty("mp.messaging.outgoing.message-events.topic")).isEqualTo(Topics.EVENTS);
        assertThat(p.getProperty("mp.messaging.incoming.segments.group.id")).isEqualTo("journey-service");
        assertThat(p.getProperty("mp.messaging.incoming.workspaces.group.id")).isEqualTo("journey-service");
    }

    @Test
    void unparseable_messages_are_dead_lettered_and_events_wait_for_all_replicas() throws IOException {
        Properties p = applicationProperties();
        assertThat(p.getProperty("mp.messaging.incoming.segments.failure-strategy")).isEqualTo("dead-letter-queue");
        assertThat(p.getProperty("mp.messaging.incoming.segments.dead-letter-queue.topic")).isEqualTo("crm.dlq.v1");
        assertThat(p.getProperty("mp.messaging.outgoing.message-events.acks")).isEqualTo("all");
        assertThat(p.getProperty("mp.messaging.outgoing.message-events.enable.idempotence")).isEqualTo("true");
    }
}
