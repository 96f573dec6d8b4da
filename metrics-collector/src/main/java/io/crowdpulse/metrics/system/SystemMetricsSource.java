package io.crowdpulse.metrics.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.metrics.config.MetricsConfig;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * CPU, memory and load of the host, and CPU and memory of this process, read through OSHI. CPU is the
 * share used since the previous collection (tick deltas), not since boot.
 */
@ApplicationScoped
public class SystemMetricsSource {

    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final OperatingSystem os;
    private final String target;
    private final int pid;
    private long[] previousTicks;
    private OSProcess previousProcess;

    public SystemMetricsSource(MetricsConfig config) {
        SystemInfo info = new SystemInfo();
        this.processor = info.getHardware().getProcessor();
        this.memory = info.getHardware().getMemory();
        this.os = info.getOperatingSystem();
        this.pid = os.getProcessId();
        this.target = config.hostTarget().isBlank() ? os.getNetworkParams().getHostName() : config.hostTarget();
        this.previousTicks = processor.getSystemCpuLoadTicks();
        this.previousProcess = os.getProcess(pid);
    }

    /** One reading of every system figure; call once per collection round. */
    public synchronized List<MetricSample> collect() {
        List<MetricSample> samples = new ArrayList<>(8);
        long[] ticks = processor.getSystemCpuLoadTicks();
        samples.add(sample("system.cpu", processor.getSystemCpuLoadBetweenTicks(previousTicks)));
        previousTicks = ticks;
        double total = memory.getTotal();
        samples.add(sample("system.memory", total == 0 ? 0 : (total - memory.getAvailable()) / total));
        double load1 = processor.getSystemLoadAverage(1)[0];
        if (load1 >= 0) {
            samples.add(sample("system.load1", load1));
        }
        OSProcess process = os.getProcess(pid);
        if (process != null) {
            samples.add(sample("process.cpu", process.getProcessCpuLoadBetweenTicks(previousProcess)));
            samples.add(sample("process.rss_bytes", process.getResidentSetSize()));
            samples.add(sample("process.threads", process.getThreadCount()));
            previousProcess = process;
        }
        return samples;
    }

    private MetricSample sample(String metric, double value) {
        return new MetricSample(metric, target, Map.of(), value);
    }
}
