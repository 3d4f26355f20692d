{{/* Names and labels shared by every template. */}}
{{- define "baton.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "baton.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component (worker or api): never change them after a first install. */}}
{{- define "baton.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "baton.image" -}}
{{- printf "%s/baton-%s:%s" .root.Values.image.registry .component (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/*
Environment both processes share: Temporal (address, namespace, mTLS or API key), PostgreSQL and
the payload codec keys. Spring Boot maps SPRING_TEMPORAL_CONNECTION_* onto the Temporal starter's
spring.temporal.connection.* properties.
*/}}
{{- define "baton.commonEnv" -}}
- name: TEMPORAL_ADDRESS
  value: {{ .Values.temporal.address | quote }}
- name: TEMPORAL_NAMESPACE
  value: {{ .Values.temporal.namespace | quote }}
{{- if .Values.temporal.mtls.enabled }}
- name: SPRING_TEMPORAL_CONNECTION_MTLS_PKCS
  value: "8"
- name: SPRING_TEMPORAL_CONNECTION_MTLS_CERTCHAINFILE
  value: /etc/baton/temporal-tls/tls.crt
- name: SPRING_TEMPORAL_CONNECTION_MTLS_KEYFILE
  value: /etc/baton/temporal-tls/tls.key
{{- with .Values.temporal.mtls.serverName }}
- name: SPRING_TEMPORAL_CONNECTION_MTLS_SERVERNAME
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- if .Values.temporal.apiKey.enabled }}
- name: SPRING_TEMPORAL_CONNECTION_APIKEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.temporal.apiKey.secretName }}
      key: {{ .Values.temporal.apiKey.key }}
- name: SPRING_TEMPORAL_CONNECTION_ENABLEHTTPS
  value: "true"
{{- end }}
- name: BATON_DB_URL
  value: {{ .Values.database.url | quote }}
- name: BATON_DB_USER
  value: {{ .Values.database.user | quote }}
- name: BATON_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.passwordSecret.name }}
      key: {{ .Values.database.passwordSecret.key }}
- name: BATON_DB_POOL_SIZE
  value: {{ .Values.database.poolSize | quote }}
- name: BATON_CODEC_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ .Values.codec.keysSecret.name }}
      key: {{ .Values.codec.keysSecret.key }}
{{- with .Values.codec.current }}
- name: BATON_CODEC_CURRENT
  value: {{ . | quote }}
{{- end }}
- name: BATON_BIND_ADDRESS
  value: "0.0.0.0"
- name: SPRING_PROFILES_ACTIVE
  value: prod
- name: JAVA_TOOL_OPTIONS
  value: {{ .Values.javaToolOptions | quote }}
{{- end -}}

{{- define "baton.volumes" -}}
- name: tmp
  emptyDir: {}
{{- if .Values.temporal.mtls.enabled }}
- name: temporal-tls
  secret:
    secretName: {{ .Values.temporal.mtls.secretName }}
    defaultMode: 0440
{{- end }}
{{- end -}}

{{- define "baton.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.temporal.mtls.enabled }}
- name: temporal-tls
  mountPath: /etc/baton/temporal-tls
  readOnly: true
{{- end }}
{{- end -}}

{{/* The three probes, on Spring Boot's liveness and readiness groups. */}}
{{- define "baton.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .probes.startup.periodSeconds }}
  failureThreshold: {{ .probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .probes.liveness.periodSeconds }}
  failureThreshold: {{ .probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: {{ .probes.readiness.periodSeconds }}
  failureThreshold: {{ .probes.readiness.failureThreshold }}
{{- end -}}
