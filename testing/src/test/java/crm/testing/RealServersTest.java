package crm.testing;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class RealServersTest {

    @Test
    void postgres_keeps_its_data_between_starts(@TempDir Path dir) throws Exception {
        int port = Ports.free();
        try (Postgres pg = Postgres.start(port, dir.resolve("pg"))) {
            pg.createDatabase("kept");
            try (var c = DriverManager.getConnection(pg.jdbcUrl("kept"), Postgres.USER, Postgres.PASSWORD)) {
                c.createStatement().execute("create table t(v int); insert into t values (42)");
            }
        }
        try (Postgres pg = Postgres.start(port, dir.resolve("pg"));
             var c = DriverManager.getConnection(pg.jdbcUrl("kept"), Postgres.USER, Postgres.PASSWORD)) {
            var rs = c.createStatement().executeQuery("select v from t");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void kafka_as_its_own_process_survives_a_kill_and_keeps_its_records(@TempDir Path dir) {
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"), Ports.free())) {
            var probe = new KafkaProbe(kafka.bootstrapServers());
            probe.send("probe.v1", "k", "before");
            kafka.kill();
            kafka.restart();
            probe.send("probe.v1", "k", "after");
            assertThat(probe.all("probe.v1")).extracting(r -> r.value()).containsExactly("before", "after");
        }
    }

    @Test
    void in_process_kafka_and_smtp_accept_real_clients() throws Exception {
        try (InProcessKafka kafka = InProcessKafka.start(); Smtp smtp = Smtp.start(Ports.free())) {
            var probe = new KafkaProbe(kafka.bootstrapServers());
            probe.send("probe.v1", "k", "hello");
            assertThat(probe.await("probe.v1", r -> r.value().equals("hello"), Duration.ofSeconds(20)).key()).isEqualTo("k");

            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(smtp.port()));
            MimeMessage mail = new MimeMessage(Session.getInstance(props));
            mail.setFrom(new InternetAddress("shop@example.com"));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress("jane@example.com"));
            mail.setSubject("Welcome");
            mail.setText("hi");
            Transport.send(mail);
            assertThat(smtp.receivedBy("jane@example.com")).hasSize(1);
        }
    }
}
