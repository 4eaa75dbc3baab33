package io.tripwire.alert.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.logging.Log;
import io.tripwire.alert.config.AlertRouterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The sink file: one JSON line per delivered message, appended and forced to disk before the delivery is recorded
 * as delivered; created owner-only (rw-------) because alerts may name accounts and positions. Its directory is
 * created when missing. The inbox reads it newest first.
 */
@ApplicationScoped
public class SinkFile {

    private final Path file;
    private final ObjectMapper mapper;
    private final ObjectReader reader;

    @Inject
    public SinkFile(AlertRouterConfig config, ObjectMapper mapper) {
        this(Path.of(config.sink().file()), mapper);
    }

    SinkFile(Path file, ObjectMapper mapper) {
        this.file = file.toAbsolutePath().normalize();
        this.mapper = mapper;
        this.reader = mapper.readerFor(SinkMessage.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public Path path() {
        return file;
    }

    public synchronized void append(SinkMessage message) throws IOException {
        byte[] line = (mapper.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
        createIfMissing();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }

    /** Up to {@code limit} messages, newest first, that pass {@code filter}; lines that do not parse are skipped. */
    public List<SinkMessage> newestFirst(int limit, Predicate<SinkMessage> filter) throws IOException {
        List<SinkMessage> messages = new ArrayList<>();
        TailReader.newestFirst(file, limit, line -> {
            SinkMessage message = parse(line);
            if (message == null || !filter.test(message)) {
                return false;
            }
            messages.add(message);
            return true;
        });
        return messages;
    }

    private SinkMessage parse(String line) {
        try {
            return reader.readValue(line);
        } catch (JsonProcessingException e) {
            Log.debugf("sink file %s: line skipped (%s)", file, e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private void createIfMissing() throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path dir = file.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // another instance created it first
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }
}
