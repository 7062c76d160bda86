package crm.profile;

import crm.events.Topics;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class ChannelTopicsTest {

    @Test
    void channels_read_and_write_the_topics_of_the_contract() {
        var config = ConfigProvider.getConfig();
        assertThat(config.getValue("mp.messaging.incoming.events.topic", String.class)).isEqualTo(Topics.EVENTS);
        assertThat(config.getValue("mp.messaging.incoming.events.group.id", String.class)).isEqualTo("profile-service");
    }
}
