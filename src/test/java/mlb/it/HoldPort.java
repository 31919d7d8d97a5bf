package mlb.it;

import java.net.InetAddress;
import java.net.ServerSocket;

/** Run in a child JVM inside a namespace: listens on 127.0.0.1:PORT until stdin closes. Args: PORT. */
public final class HoldPort {
    private HoldPort() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocket s = new ServerSocket(Integer.parseInt(args[0]), 1, InetAddress.getByName("127.0.0.1"))) {
            System.out.println("listening");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the parent closes our stdin
            }
        }
    }
}
