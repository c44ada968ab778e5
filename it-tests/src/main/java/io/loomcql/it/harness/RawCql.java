package io.loomcql.it.harness;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of native protocol v4 to run a query over a plain socket: STARTUP, QUERY at
 * consistency ONE, and a ROWS result whose values are returned as UTF-8 text (meaningful for text
 * columns; for the others only null or not null is). The harness and its tests check the server,
 * so they must not depend on the driver under test.
 */
final class RawCql {

    private static final int VERSION_4 = 0x04;
    private static final int OPCODE_ERROR = 0x00;
    private static final int OPCODE_STARTUP = 0x01;
    private static final int OPCODE_READY = 0x02;
    private static final int OPCODE_AUTHENTICATE = 0x03;
    private static final int OPCODE_QUERY = 0x07;
    private static final int OPCODE_AUTH_RESPONSE = 0x0F;
    private static final int OPCODE_AUTH_SUCCESS = 0x10;
    private static final int OPCODE_RESULT = 0x08;
    private static final int RESULT_ROWS = 0x0002;
    private static final int CONSISTENCY_ONE = 0x0001;

    private record Frame(int opcode, byte[] body) {
    }

    private RawCql() {
    }

    /** The rows of {@code query}, each a list of its (text) column values; null stays null. */
    static List<List<String>> query(InetSocketAddress node, String query) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(node, 5000);
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());

            ByteArrayOutputStream startup = new ByteArrayOutputStream();
            DataOutputStream body = new DataOutputStream(startup);
            body.writeShort(1);
            writeString(body, "CQL_VERSION");
            writeString(body, "3.0.0");
            Frame answer = exchange(out, in, OPCODE_STARTUP, startup.toByteArray());
            if (answer.opcode() == OPCODE_AUTHENTICATE) {
                // PasswordAuthenticator: the default superuser, through SASL PLAIN.
                byte[] token = "\0cassandra\0cassandra".getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                DataOutputStream responseBody = new DataOutputStream(response);
                responseBody.writeInt(token.length);
                responseBody.write(token);
                expect(exchange(out, in, OPCODE_AUTH_RESPONSE, response.toByteArray()), OPCODE_AUTH_SUCCESS);
            } else {
                expect(answer, OPCODE_READY);
            }

            ByteArrayOutputStream queryBody = new ByteArrayOutputStream();
            body = new DataOutputStream(queryBody);
            byte[] text = query.getBytes(StandardCharsets.UTF_8);
            body.writeInt(text.length);
            body.write(text);
            body.writeShort(CONSISTENCY_ONE);
            body.writeByte(0); // no values, default paging
            Frame result = expect(exchange(out, in, OPCODE_QUERY, queryBody.toByteArray()), OPCODE_RESULT);
            return rows(result.body());
        }
    }

    private static Frame exchange(DataOutputStream out, DataInputStream in, int opcode, byte[] body) throws IOException {
        out.writeByte(VERSION_4);
        out.writeByte(0);
        out.writeShort(0);
        out.writeByte(opcode);
        out.writeInt(body.length);
        out.write(body);
        out.flush();
        in.readUnsignedByte();
        in.readUnsignedByte();
        in.readUnsignedShort();
        int responseOpcode = in.readUnsignedByte();
        byte[] responseBody = new byte[in.readInt()];
        in.readFully(responseBody);
        return new Frame(responseOpcode, responseBody);
    }

    private static Frame expect(Frame frame, int opcode) throws IOException {
        if (frame.opcode() == OPCODE_ERROR) {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame.body()));
            int code = in.readInt();
            throw new IOException("Server error 0x" + Integer.toHexString(code) + ": " + readString(in));
        }
        if (frame.opcode() != opcode) {
            throw new IOException("Expected opcode " + opcode + ", got " + frame.opcode());
        }
        return frame;
    }

    private static List<List<String>> rows(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        if (in.readInt() != RESULT_ROWS) {
            throw new IOException("Not a ROWS result");
        }
        int flags = in.readInt();
        int columns = in.readInt();
        boolean globalTableSpec = (flags & 0x0001) != 0;
        if ((flags & 0x0002) != 0) {
            in.skipNBytes(in.readInt()); // paging state
        }
        if ((flags & 0x0004) == 0) {
            if (globalTableSpec) {
                readString(in);
                readString(in);
            }
            for (int i = 0; i < columns; i++) {
                if (!globalTableSpec) {
                    readString(in);
                    readString(in);
                }
                readString(in); // name
                skipType(in);
            }
        }
        int rowCount = in.readInt();
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < rowCount; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                int length = in.readInt();
                if (length < 0) {
                    row.add(null);
                } else {
                    byte[] value = new byte[length];
                    in.readFully(value);
                    row.add(new String(value, StandardCharsets.UTF_8));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static void skipType(DataInputStream in) throws IOException {
        int id = in.readUnsignedShort();
        switch (id) {
            case 0x0000 -> readString(in); // custom: its class name
            case 0x0020, 0x0022 -> skipType(in); // list, set
            case 0x0021 -> { // map
                skipType(in);
                skipType(in);
            }
            case 0x0031 -> { // tuple
                int count = in.readUnsignedShort();
                for (int i = 0; i < count; i++) {
                    skipType(in);
                }
            }
            case 0x0030 -> { // user type
                readString(in);
                readString(in);
                int count = in.readUnsignedShort();
                for (int i = 0; i < count; i++) {
                    readString(in);
                    skipType(in);
                }
            }
            default -> {
                // a simple type: no parameters
            }
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedShort()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
