// Command validate checks Baton's deployment files offline, so a broken chart or compose file
// fails the test command rather than a team's first deploy:
//
//	validate k8s FILE       every document of a rendered chart (helm template) must decode
//	                        strictly into Kubernetes' own API types: an unknown or misspelt
//	                        field, a wrong type or a malformed quantity is an error; then the
//	                        few cross-field rules a cluster would reject at apply or run time.
//	validate compose FILE   the compose file must load with compose-go, which checks it against
//	                        the compose specification's JSON schema and resolves it.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/yaml"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: validate k8s FILE | validate compose FILE [KEY=VALUE...]")
		os.Exit(2)
	}
	var problems []string
	var err error
	switch os.Args[1] {
	case "k8s":
		problems, err = checkManifests(os.Args[2])
	case "compose":
		problems, err = checkCompose(os.Args[2], os.Args[3:])
	default:
		err = fmt.Errorf("unknown check %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", os.Args[2], err)
		os.Exit(1)
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(os.Stderr, "%s: %s\n", os.Args[2], p)
		}
		os.Exit(1)
	}
}

// The kinds Baton's chart renders. A kind outside this list is an error, so a new template
// cannot slip through unchecked.
func newObject(apiVersion, kind string) (any, bool) {
	switch apiVersion + "/" + kind {
	case "apps/v1/Deployment":
		return &appsv1.Deployment{}, true
	case "v1/Service":
		return &corev1.Service{}, true
	case "v1/Secret":
		return &corev1.Secret{}, true
	case "v1/ConfigMap":
		return &corev1.ConfigMap{}, true
	case "v1/ServiceAccount":
		return &corev1.ServiceAccount{}, true
	case "policy/v1/PodDisruptionBudget":
		return &policyv1.PodDisruptionBudget{}, true
	case "autoscaling/v2/HorizontalPodAutoscaler":
		return &autoscalingv2.HorizontalPodAutoscaler{}, true
	case "networking.k8s.io/v1/Ingress":
		return &networkingv1.Ingress{}, true
	}
	return nil, false
}

var separator = regexp.MustCompile(`(?m)^---\s*$`)

func checkManifests(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var problems []string
	count := 0
	for i, doc := range separator.Split(string(data), -1) {
		if strings.TrimSpace(stripComments(doc)) == "" {
			continue
		}
		count++
		var meta metav1.TypeMeta
		if err := yaml.Unmarshal([]byte(doc), &meta); err != nil {
			problems = append(problems, fmt.Sprintf("document %d: not YAML: %v", i+1, err))
			continue
		}
		obj, known := newObject(meta.APIVersion, meta.Kind)
		if !known {
			problems = append(problems, fmt.Sprintf("document %d: %s %s is not a kind this check knows", i+1, meta.APIVersion, meta.Kind))
			continue
		}
		if err := yaml.UnmarshalStrict([]byte(doc), obj); err != nil {
			problems = append(problems, fmt.Sprintf("%s (document %d): %v", meta.Kind, i+1, err))
			continue
		}
		problems = append(problems, rules(obj)...)
	}
	if count == 0 {
		return nil, errors.New("no manifests rendered")
	}
	fmt.Printf("%s: %d manifests decode strictly into Kubernetes API types\n", filepath.Base(path), count)
	return problems, nil
}

func stripComments(doc string) string {
	var b strings.Builder
	for _, line := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			b.WriteString(line)
			b.WriteString("\n")
		}
	}
	return b.String()
}

// What the API server or the kubelet would refuse, or what would make a pod never become ready,
// that strict decoding alone cannot see.
func rules(obj any) []string {
	var problems []string
	add := func(name, format string, args ...any) {
		problems = append(problems, name+": "+fmt.Sprintf(format, args...))
	}
	checkName := func(kind string, m metav1.ObjectMeta) string {
		name := kind + "/" + m.Name
		for _, msg := range validation.IsDNS1123Subdomain(m.Name) {
			add(name, "metadata.name: %s", msg)
		}
		return name
	}
	switch o := obj.(type) {
	case *appsv1.Deployment:
		name := checkName("Deployment", o.ObjectMeta)
		if o.Spec.Selector == nil || len(o.Spec.Selector.MatchLabels) == 0 {
			add(name, "spec.selector.matchLabels is empty")
		} else {
			for k, v := range o.Spec.Selector.MatchLabels {
				if o.Spec.Template.Labels[k] != v {
					add(name, "the selector's %s=%s is not on the pod template", k, v)
				}
			}
		}
		problems = append(problems, podRules(name, o.Spec.Template.Spec)...)
	case *corev1.Service:
		name := checkName("Service", o.ObjectMeta)
		if len(o.Spec.Selector) == 0 {
			add(name, "spec.selector is empty")
		}
		for _, p := range o.Spec.Ports {
			if p.Port < 1 || p.Port > 65535 {
				add(name, "port %d is out of range", p.Port)
			}
		}
	case *corev1.Secret:
		checkName("Secret", o.ObjectMeta)
	case *corev1.ConfigMap:
		checkName("ConfigMap", o.ObjectMeta)
	case *corev1.ServiceAccount:
		checkName("ServiceAccount", o.ObjectMeta)
	case *policyv1.PodDisruptionBudget:
		name := checkName("PodDisruptionBudget", o.ObjectMeta)
		if (o.Spec.MinAvailable == nil) == (o.Spec.MaxUnavailable == nil) {
			add(name, "exactly one of minAvailable and maxUnavailable must be set")
		}
	case *autoscalingv2.HorizontalPodAutoscaler:
		name := checkName("HorizontalPodAutoscaler", o.ObjectMeta)
		if o.Spec.MinReplicas != nil && *o.Spec.MinReplicas > o.Spec.MaxReplicas {
			add(name, "minReplicas %d is above maxReplicas %d", *o.Spec.MinReplicas, o.Spec.MaxReplicas)
		}
	case *networkingv1.Ingress:
		checkName("Ingress", o.ObjectMeta)
	}
	return problems
}

func podRules(owner string, pod corev1.PodSpec) []string {
	var problems []string
	add := func(format string, args ...any) {
		problems = append(problems, owner+": "+fmt.Sprintf(format, args...))
	}
	if len(pod.Containers) == 0 {
		add("no containers")
	}
	volumes := map[string]bool{}
	for _, v := range pod.Volumes {
		volumes[v.Name] = true
	}
	for _, c := range pod.Containers {
		if c.Image == "" {
			add("container %s has no image", c.Name)
		}
		ports := map[string]bool{}
		for _, p := range c.Ports {
			if p.Name != "" {
				for _, msg := range validation.IsValidPortName(p.Name) {
					add("container %s port name %q: %s", c.Name, p.Name, msg)
				}
				ports[p.Name] = true
			}
		}
		for probeName, probe := range map[string]*corev1.Probe{"liveness": c.LivenessProbe, "readiness": c.ReadinessProbe, "startup": c.StartupProbe} {
			if probe == nil {
				add("container %s has no %s probe", c.Name, probeName)
				continue
			}
			if probe.HTTPGet != nil && probe.HTTPGet.Port.StrVal != "" && !ports[probe.HTTPGet.Port.StrVal] {
				add("container %s: the %s probe names port %q, which the container does not declare", c.Name, probeName, probe.HTTPGet.Port.StrVal)
			}
		}
		for _, m := range c.VolumeMounts {
			if !volumes[m.Name] {
				add("container %s mounts volume %q, which the pod does not have", c.Name, m.Name)
			}
		}
		for _, e := range c.Env {
			for _, msg := range validation.IsEnvVarName(e.Name) {
				add("container %s env %q: %s", c.Name, e.Name, msg)
			}
		}
		if c.Resources.Limits.Memory().IsZero() {
			add("container %s has no memory limit (the JVM sizes its heap from it)", c.Name)
		}
	}
	sc := pod.SecurityContext
	if sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot {
		add("the pod does not set securityContext.runAsNonRoot: true")
	}
	return problems
}

func checkCompose(path string, env []string) ([]string, error) {
	options, err := cli.NewProjectOptions(
		[]string{path},
		cli.WithWorkingDirectory(filepath.Dir(path)),
		cli.WithEnv(env),
		cli.WithInterpolation(true),
	)
	if err != nil {
		return nil, err
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "%s: valid against the compose specification (%d services:", filepath.Base(path), len(project.Services))
	for _, name := range project.ServiceNames() {
		fmt.Fprintf(&out, " %s", name)
	}
	fmt.Println(out.String() + ")")
	return nil, nil
}
