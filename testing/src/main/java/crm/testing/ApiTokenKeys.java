package crm.testing;

import crm.events.ApiTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * An RSA key pair for workspace API tokens (see {@link ApiTokens}): the private key is what ingest signs with,
 * the public key what every service verifies with. Tests mint tokens with it to call a service on its own.
 */
public final class ApiTokenKeys {
    private final KeyPair pair;

    private ApiTokenKeys(KeyPair pair) {
        this.pair = pair;
    }

    public static ApiTokenKeys generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return new ApiTokenKeys(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the pair kept in a folder, or generates and keeps one there (the local run's keys survive restarts). */
    public static ApiTokenKeys keptIn(Path folder) {
        Path priv = folder.resolve("api-token-private.pem");
        Path pub = folder.resolve("api-token-public.pem");
        try {
            if (Files.exists(priv) && Files.exists(pub)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                return new ApiTokenKeys(new KeyPair(
                        rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(pub)))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(priv))))));
            }
            ApiTokenKeys keys = generate();
            Files.createDirectories(folder);
            Files.writeString(pub, keys.publicKeyPem());
            Files.writeString(priv, keys.privateKeyPem());
            try {
                Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable API token keys in " + folder, e);
        }
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    /** PKCS#8 PEM, the form smallrye.jwt.sign.key takes. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** X.509 PEM, the form mp.jwt.verify.publickey takes. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    /** A workspace API token as ingest issues it. */
    public String tokenFor(String workspaceId) {
        return tokenFor(workspaceId, Instant.now().plus(Duration.ofDays(1)));
    }

    public String tokenFor(String workspaceId, Instant expiresAt) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + ApiTokens.ISSUER + "\",\"sub\":\"" + workspaceId + "\",\"" + ApiTokens.WORKSPACE_CLAIM
                + "\":\"" + workspaceId + "\",\"groups\":[\"" + ApiTokens.WORKSPACE_ROLE + "\"],\"iat\":" + now
                + ",\"exp\":" + expiresAt.getEpochSecond() + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(pair.getPrivate());
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
