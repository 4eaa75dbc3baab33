package io.tripwire.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** Files that hold secrets (API key, password): owner-only from the moment they exist, replaced atomically. */
public final class SecretFiles {

    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretFiles() {
    }

    /**
     * Writes {@code secret} to {@code file} with mode 600. The content goes to a 600 temp file beside the
     * target first and is then renamed, so the secret is never readable by others, not even briefly, and a
     * crash never leaves half a key behind.
     */
    public static void write(Path file, String secret) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(temp, secret + "\n");
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The trimmed content, or empty when the file does not exist. */
    public static Optional<String> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    }
}
