package io.tripwire.alert.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Predicate;

/**
 * Reads a text file's lines from the end, newest first, without reading the whole file: chunks are read backwards
 * and split at '\n' (a byte that never occurs inside a UTF-8 sequence). Each non-empty line is offered to
 * {@code take}; reading stops once it has accepted {@code limit} lines.
 */
final class TailReader {

    private static final int CHUNK = 64 * 1024;

    private TailReader() {
    }

    /** @return how many lines {@code take} accepted; 0 when the file does not exist */
    static int newestFirst(Path file, int limit, Predicate<String> take) throws IOException {
        int taken = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = channel.size();
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            ByteArrayOutputStream reversed = new ByteArrayOutputStream();
            while (position > 0 && taken < limit) {
                int length = (int) Math.min(CHUNK, position);
                position -= length;
                buffer.clear().limit(length);
                while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
                    // read until the chunk is full
                }
                byte[] bytes = buffer.array();
                for (int i = length - 1; i >= 0 && taken < limit; i--) {
                    if (bytes[i] == '\n') {
                        taken += offer(reversed, take);
                    } else {
                        reversed.write(bytes[i]);
                    }
                }
            }
            if (taken < limit) {
                taken += offer(reversed, take);
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return taken;
    }

    private static int offer(ByteArrayOutputStream reversed, Predicate<String> take) {
        if (reversed.size() == 0) {
            return 0;
        }
        byte[] bytes = reversed.toByteArray();
        reversed.reset();
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }
        return take.test(new String(bytes, StandardCharsets.UTF_8)) ? 1 : 0;
    }
}
