package io.loomcql.it.harness;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks a node for its SUPPORTED options with a native protocol v4 OPTIONS frame, over a plain
 * socket: these tests check the harness, so they must not depend on the driver under test.
 */
final class OptionsProbe {

    /** Version 4 request, no flags, stream 0, opcode OPTIONS (0x05), empty body. */
    private static final byte[] OPTIONS_V4 = {0x04, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00};
    static final int RESPONSE_V4 = 0x84;
    static final int OPCODE_SUPPORTED = 0x06;

    /** A response frame: header fields and the decoded [string multimap] body. */
    record Supported(int version, int opcode, Map<String, List<String>> options) {
    }

    private OptionsProbe() {
    }

    /** The SUPPORTED response, or empty if none arrived within {@code timeout}. */
    static Optional<Supported> ask(InetSocketAddress node, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(node, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(OPTIONS_V4);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int version = in.readUnsignedByte();
            in.readUnsignedByte(); // flags
            in.readUnsignedShort(); // stream id
            int opcode = in.readUnsignedByte();
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return Optional.of(new Supported(version, opcode, stringMultimap(body)));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
    }

    private static Map<String, List<String>> stringMultimap(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body));
        Map<String, List<String>> map = new LinkedHashMap<>();
        int entries = in.readUnsignedShort();
        for (int i = 0; i < entries; i++) {
            String key = string(in);
            int values = in.readUnsignedShort();
            List<String> list = new ArrayList<>();
            for (int j = 0; j < values; j++) {
                list.add(string(in));
            }
            map.put(key, list);
        }
        return map;
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedShort()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
