package main

import (
	"log/slog"
	"os"
	"runtime"
)

// The launcher's FerretDB shares its machine with the five services and Kafka wherever it runs
// (npm start, the tests, the benchmarks). With a P for every CPU, Go's scheduler wakes an idle
// thread on another CPU for nearly every goroutine a network read or a commit makes ready: the
// test FerretDB made ~1,900 context switches per order journey, two thirds of the machine's. A
// wakeup across CPUs is dear on a virtual machine (here a ping-pong through a pipe cost 26–32 µs of
// CPU per round trip across the two CPUs, 5–6 µs on one), and it lands on a CPU the services are
// using. With one P on this 2-CPU machine, seven alternating journey-driver pairs gave FerretDB
// less CPU per journey in all seven (mean 54.7 ms against 69.3) and 10.64 journeys/s on average
// against 9.65, more in five pairs of the seven (bench/README.md, tenth stop). Alone on the
// machine it does less: the raw update ceiling, which had used 1.2 CPUs, fell ~20 %. Half the CPUs
// is the default; GOMAXPROCS or -gomaxprocs set it.

// defaultProcs is half the CPUs this process may run on, at least one.
func defaultProcs() int {
	return max(1, runtime.NumCPU()/2)
}

// tuneProcs sets how many CPUs may run FerretDB's Go code at once (0: defaultProcs), leaving
// alone a GOMAXPROCS the operator set, and logs what is in force.
func tuneProcs(procs int, logger *slog.Logger) {
	if os.Getenv("GOMAXPROCS") == "" {
		if procs <= 0 {
			procs = defaultProcs()
		}

		runtime.GOMAXPROCS(procs)
	}

	logger.Info("lantern-ferretdb scheduler", "gomaxprocs", runtime.GOMAXPROCS(0), "cpus", runtime.NumCPU())
}
