package crm.e2e;

import crm.testing.Smtp;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Writes every message the local SMTP server receives as an .eml file, so the user can open it in any mail program. */
final class MailFolder implements AutoCloseable {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Smtp smtp;
    private final Path folder;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mail-folder");
        t.setDaemon(true);
        return t;
    });
    private int written;

    MailFolder(Smtp smtp, Path folder) throws IOException {
        this.smtp = smtp;
        this.folder = Files.createDirectories(folder);
        timer.scheduleWithFixedDelay(this::writeNew, 0, 500, TimeUnit.MILLISECONDS);
    }

    private synchronized void writeNew() {
        List<MimeMessage> received = smtp.received();
        for (; written < received.size(); written++) {
            MimeMessage m = received.get(written);
            try {
                String to = m.getAllRecipients() == null ? "unknown" : m.getAllRecipients()[0].toString().replaceAll("[^A-Za-z0-9@._-]", "_");
                Path file = folder.resolve(NAME.format(Instant.now()) + "-" + (written + 1) + "-" + to + ".eml");
                try (OutputStream out = Files.newOutputStream(file)) {
                    m.writeTo(out);
                }
            } catch (IOException | MessagingException e) {
                System.err.println("cannot save a received mail: " + e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdown();
        writeNew();
    }
}
