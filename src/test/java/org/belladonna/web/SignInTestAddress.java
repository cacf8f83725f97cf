package org.belladonna.web;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** Where tests bind a server "on the network": this machine's own address, never another host. */
public final class SignInTestAddress {
    private SignInTestAddress() {
    }

    /** This machine's first IPv4 address that is not loopback, else 0.0.0.0 (then reached through 127.0.0.1). */
    public static String bindAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        return "0.0.0.0";
    }
}
