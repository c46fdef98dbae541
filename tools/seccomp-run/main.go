// Command seccomp-run runs a command under a seccomp allow-list, the way systemd applies a unit's
// SystemCallFilter=, SystemCallErrorNumber=EPERM, SystemCallArchitectures=native and NoNewPrivileges=yes,
// so that a test can show the app starts and serves under the unit's filter on a machine with no systemd.
//
//	seccomp-run --allow FILE [--errno EPERM] -- COMMAND [ARGS...]
//	seccomp-run --allow FILE --print
//
// FILE holds one system call name a line, already resolved from the unit's groups (the test does that with
// `systemd-analyze syscall-filter`, so the groups are this systemd's). Names this architecture has no
// number for (arm_fadvise64_64, the *32 calls of 32-bit ABIs...) are skipped, as systemd skips what
// libseccomp cannot resolve. --print lists the calls that end up in the filter and exits.
//
// Only the seccomp part of the unit: mount namespaces, capabilities, ProtectSystem= and the rest are
// systemd's own doing and are not applied here (docs/architecture.md says what this does and does not show).
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"syscall"

	seccomp "github.com/elastic/go-seccomp-bpf"
	"github.com/elastic/go-seccomp-bpf/arch"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "seccomp-run: %v\n", err)
		os.Exit(125)
	}
}

func run() error {
	allowFile := flag.String("allow", "", "file of allowed system call names, one a line")
	errnoName := flag.String("errno", "EPERM", "SystemCallErrorNumber=: the errno a refused call returns")
	printOnly := flag.Bool("print", false, "print the system calls the filter allows on this architecture, then exit")
	flag.Parse()
	if *allowFile == "" {
		return errors.New("--allow FILE is required")
	}
	// go-seccomp-bpf returns EPERM for ActionErrno and nothing else; any other SystemCallErrorNumber= would
	// be silently wrong, so refuse it rather than test something the unit does not do.
	if *errnoName != "EPERM" {
		return fmt.Errorf("--errno %s: only EPERM is supported (the unit's SystemCallErrorNumber=)", *errnoName)
	}

	native, err := arch.GetInfo("")
	if err != nil {
		return err
	}
	names, err := readNames(*allowFile)
	if err != nil {
		return err
	}
	var allowed []string
	for _, name := range names {
		if _, known := native.SyscallNames[name]; known {
			allowed = append(allowed, name)
		}
	}
	if len(allowed) == 0 {
		return fmt.Errorf("%s: none of its %d names is a system call on %s", *allowFile, len(names), native.Name)
	}
	if *printOnly {
		for _, name := range allowed {
			fmt.Println(name)
		}
		return nil
	}

	args := flag.Args()
	if len(args) == 0 {
		return errors.New("no command after --")
	}
	// Resolved before the filter: the lookup's own calls are then no part of what is measured.
	command, err := exec.LookPath(args[0])
	if err != nil {
		return err
	}

	// The filter belongs to the thread that installs it, and TSYNC gives it to the runtime's other threads;
	// the same thread then execs, so the command starts with the filter and nothing runs without it.
	runtime.LockOSThread()
	filter := seccomp.Filter{
		NoNewPrivs: true,
		Flag:       seccomp.FilterFlagTSync,
		Policy: seccomp.Policy{
			// A call outside the list fails with EPERM (SystemCallErrorNumber=EPERM); so does any call made
			// through another architecture's ABI, which go-seccomp-bpf's arch check sends to the default action
			// (x32 calls get ENOSYS). systemd's SystemCallArchitectures=native kills such a process instead:
			// both refuse the call, which is what the app depends on.
			DefaultAction: seccomp.ActionErrno,
			Syscalls:      []seccomp.SyscallGroup{{Action: seccomp.ActionAllow, Names: allowed}},
		},
	}
	if err := seccomp.LoadFilter(filter); err != nil {
		return err
	}
	return syscall.Exec(command, args, os.Environ())
}

// readNames reads one name a line, ignoring blank lines and duplicates (go-seccomp-bpf refuses duplicates).
func readNames(path string) ([]string, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	seen := map[string]bool{}
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		name := strings.TrimSpace(scanner.Text())
		if name == "" {
			continue
		}
		if strings.HasPrefix(name, "@") || strings.HasPrefix(name, "~") {
			return nil, fmt.Errorf("%s: %q is a group or a deny entry; pass resolved system call names", path, name)
		}
		seen[name] = true
	}
	if err := scanner.Err(); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(seen))
	for name := range seen {
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}
