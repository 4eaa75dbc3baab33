package io.tripwire.controlplane.heartbeat;

import io.tripwire.controlplane.config.ControlPlaneConfig;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** This process's instance id: {@code tripwire.instance-id}, else host name and pid. */
@Singleton
public class InstanceId {

    private final String value;

    public InstanceId(ControlPlaneConfig config) {
        this.value = config.instanceId().orElseGet(InstanceId::hostAndPid);
    }

    public String value() {
        return value;
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String clean = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return clean + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
