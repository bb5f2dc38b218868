// The deployment files checked as an operator would read them: the Kubernetes manifests as
// `kubectl kustomize deploy` renders them, docker-compose.yml, the Dockerfile and .dockerignore.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = join(__dirname, '..');
const APPS = ['gateway', 'membership', 'scheduling', 'campaigns', 'partners'] as const;
type App = (typeof APPS)[number];

// Only the fields these checks read.
interface Metadata {
  name: string;
  labels?: Record<string, string>;
}
interface LabelSelector {
  matchLabels?: Record<string, string>;
}
interface HttpProbe {
  httpGet?: { path?: string; port?: number | string };
}
interface Container {
  name: string;
  image?: string;
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  livenessProbe?: HttpProbe;
  readinessProbe?: HttpProbe;
  startupProbe?: HttpProbe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    runAsNonRoot?: boolean;
  };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  data?: Record<string, string>;
  spec?: {
    type?: string;
    replicas?: number;
    selector?: LabelSelector & Record<string, string>;
    podSelector?: LabelSelector;
    ingress?: { ports?: { port?: number | string }[] }[];
    ports?: { port: number; targetPort?: number | string }[];
    rules?: { http?: { paths: { backend: { service?: { name: string } } }[] } }[];
    template?: {
      metadata: Metadata;
      spec: {
        securityContext?: { runAsNonRoot?: boolean };
        containers: Container[];
        volumes?: { name: string; emptyDir?: object }[];
      };
    };
  };
}

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: { test?: string | string[] };
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: unknown[];
  restart?: string;
}

function renderKustomize(): Manifest[] {
  let output: string;
  try {
    output = execFileSync('kubectl', ['kustomize', join(ROOT, 'deploy')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'kubectl is not on the PATH: this check renders the manifests with `kubectl kustomize deploy`. ' +
          'Install kubectl (it bundles kustomize; no cluster is needed) and run the tests again.',
      );
    }
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`kubectl kustomize deploy failed:\n${stderr || String(error)}`);
  }
  return parseAllDocuments(output).map((doc) => {
    if (doc.errors.length > 0)
      throw new Error(`kubectl kustomize printed invalid YAML: ${doc.errors[0].message}`);
    return doc.toJS() as Manifest;
  });
}

function matches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const wanted = Object.entries(selector?.matchLabels ?? {});
  return wanted.every(([key, value]) => labels?.[key] === value);
}

function environmentOf(service: ComposeService): Record<string, string | null> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((line) => [
        line.split('=')[0],
        line.includes('=') ? line.slice(line.indexOf('=') + 1) : null,
      ]),
    );
  }
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, value === null ? null : String(value)]),
  );
}

// A key or value that looks like a credential has no place in a ConfigMap.
const SECRET_KEY =
  /PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE|CREDENTIAL|API_?KEY|(^|_)KEY$|DATABASE_URL/i;
const SECRET_VALUE = [/:\/\/[^/\s:@]+:[^/\s@]+@/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/];

describe('Kubernetes manifests (kubectl kustomize deploy)', () => {
  let manifests: Manifest[] = [];
  let renderError: Error | undefined;

  beforeAll(() => {
    try {
      manifests = renderKustomize();
    } catch (error) {
      renderError = error as Error;
    }
  });

  // Every test fails, with the reason, when the manifests could not be rendered.
  function rendered(): Manifest[] {
    if (renderError) throw renderError;
    return manifests;
  }
  const ofKind = (kind: string): Manifest[] => rendered().filter((m) => m.kind === kind);
  const named = (kind: string, name: string): Manifest | undefined =>
    ofKind(kind).find((m) => m.metadata.name === name);
  const deployment = (app: App): Manifest => {
    const found = named('Deployment', app);
    if (!found?.spec?.template) throw new Error(`no Deployment named ${app} with a pod template`);
    return found;
  };
  const container = (app: App): Container => {
    const containers = deployment(app).spec!.template!.spec.containers;
    expect(containers).toHaveLength(1);
    return containers[0];
  };

  it('renders', () => {
    expect(rendered().length).toBeGreaterThan(0);
  });

  it('deploys exactly the applications listed in nest-cli.json', () => {
    const nestCli = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as {
      projects: Record<string, { type: string }>;
    };
    const applications = Object.entries(nestCli.projects)
      .filter(([, project]) => project.type === 'application')
      .map(([name]) => name);
    expect([...applications].sort()).toEqual([...APPS].sort());
    expect(
      ofKind('Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual([...APPS].sort());
  });

  it('runs every app from one image, chosen by APP', () => {
    const images = new Set(APPS.map((app) => container(app).image));
    expect(images.size).toBe(1);
    const [image] = images;
    expect(image).toMatch(/:[\w.-]+$|@sha256:/);
    expect(image).not.toMatch(/:latest$/);
    for (const app of APPS) {
      expect(container(app).env).toContainEqual({ name: 'APP', value: app });
    }
  });

  describe.each(APPS)('%s', (app) => {
    it('has a startup probe, a liveness probe on /health and a readiness probe on /health/ready, on its container port', () => {
      const c = container(app);
      const portNames = (c.ports ?? []).flatMap((p) => [p.name, p.containerPort]);
      expect(c.startupProbe?.httpGet?.path).toBe('/health');
      expect(c.livenessProbe?.httpGet?.path).toBe('/health');
      expect(c.readinessProbe?.httpGet?.path).toBe('/health/ready');
      for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) {
        expect(portNames).toContain(probe?.httpGet?.port);
      }
      const port = c.ports?.find((p) => p.name === 'http');
      expect(c.env).toContainEqual({ name: 'PORT', value: String(port?.containerPort) });
    });

    it('requests and limits CPU and memory', () => {
      const { resources } = container(app);
      for (const bound of [resources?.requests, resources?.limits]) {
        expect(bound?.cpu).toMatch(/^\d+(\.\d+)?m?$/);
        expect(bound?.memory).toMatch(/^\d+(Mi|Gi)$/);
      }
    });

    it('runs as non-root on a read-only root filesystem, with /tmp on an emptyDir', () => {
      const pod = deployment(app).spec!.template!.spec;
      const c = container(app);
      expect(pod.securityContext?.runAsNonRoot ?? c.securityContext?.runAsNonRoot).toBe(true);
      expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
      expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
      const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
      expect(tmp).toBeDefined();
      expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
    });

    it('takes its settings from a rendered ConfigMap and its credentials from a Secret', () => {
      const envFrom = container(app).envFrom ?? [];
      const configMaps = envFrom.flatMap((source) =>
        source.configMapRef ? [source.configMapRef.name] : [],
      );
      const secrets = envFrom.flatMap((source) =>
        source.secretRef ? [source.secretRef.name] : [],
      );
      expect(configMaps.length).toBeGreaterThan(0);
      for (const name of configMaps) expect(named('ConfigMap', name)).toBeDefined();
      expect(secrets).toEqual(['maillage-secrets']);
    });

    it('has a ClusterIP Service selecting its pods and targeting its container port', () => {
      const service = named('Service', app);
      expect(service).toBeDefined();
      expect(service?.spec?.type ?? 'ClusterIP').toBe('ClusterIP');
      const selector = service!.spec!.selector as Record<string, string>;
      expect(Object.keys(selector).length).toBeGreaterThan(0);
      expect(
        matches({ matchLabels: selector }, deployment(app).spec!.template!.metadata.labels),
      ).toBe(true);
      const c = container(app);
      const targets = (c.ports ?? []).flatMap((p) => [p.name, p.containerPort]);
      for (const port of service!.spec!.ports ?? [])
        expect(targets).toContain(port.targetPort ?? port.port);
    });

    // Every app shares its work between replicas (JetStream pull consumers), so each runs two or more.
    it('runs two replicas or more, guarded by a PodDisruptionBudget', () => {
      const replicas = deployment(app).spec!.replicas ?? 1;
      expect(replicas).toBeGreaterThanOrEqual(2);
      const podLabels = deployment(app).spec!.template!.metadata.labels;
      const budgets = ofKind('PodDisruptionBudget').filter((pdb) =>
        matches(pdb.spec?.selector, podLabels),
      );
      expect(budgets).toHaveLength(1);
    });

    it(app === 'gateway' ? 'accepts ingress on its HTTP port' : 'accepts no ingress', () => {
      const podLabels = deployment(app).spec!.template!.metadata.labels;
      const policies = ofKind('NetworkPolicy').filter((policy) =>
        matches(policy.spec?.podSelector, podLabels),
      );
      expect(policies.length).toBeGreaterThan(0);
      const rules = policies.flatMap((policy) => policy.spec?.ingress ?? []);
      if (app === 'gateway') {
        expect(rules.length).toBeGreaterThan(0);
        const ports = container(app).ports?.flatMap((p) => [p.name, p.containerPort]);
        for (const rule of rules) {
          expect(rule.ports?.length).toBeGreaterThan(0);
          for (const port of rule.ports ?? []) expect(ports).toContain(port.port);
        }
      } else {
        expect(rules).toEqual([]);
      }
    });
  });

  it('exposes only the gateway through the Ingress', () => {
    const backends = ofKind('Ingress').flatMap((ingress) =>
      (ingress.spec?.rules ?? []).flatMap((rule) =>
        (rule.http?.paths ?? []).map((path) => path.backend.service?.name),
      ),
    );
    expect(backends.length).toBeGreaterThan(0);
    expect(new Set(backends)).toEqual(new Set(['gateway']));
  });

  it('keeps every secret value out of the ConfigMaps, and ships no Secret', () => {
    for (const configMap of ofKind('ConfigMap')) {
      for (const [key, value] of Object.entries(configMap.data ?? {})) {
        expect({
          configMap: configMap.metadata.name,
          key,
          looksSecret: SECRET_KEY.test(key),
        }).toMatchObject({ looksSecret: false });
        for (const pattern of SECRET_VALUE) {
          expect({
            configMap: configMap.metadata.name,
            key,
            looksSecret: pattern.test(value),
          }).toMatchObject({ looksSecret: false });
        }
      }
    }
    // DATABASE_URL is given by a Secret the operator creates; a rendered one would be committed.
    expect(ofKind('Secret')).toEqual([]);
  });

  it('keeps the development token issuer off', () => {
    const values = ofKind('ConfigMap').flatMap((configMap) =>
      configMap.data?.AUTH_DEV_ISSUER_ENABLED !== undefined
        ? [configMap.data.AUTH_DEV_ISSUER_ENABLED]
        : [],
    );
    expect(values).toEqual(['false']);
  });

  it('takes NATS and PostgreSQL from configuration rather than deploying them', () => {
    const settings = Object.assign(
      {},
      ...ofKind('ConfigMap').map((configMap) => configMap.data ?? {}),
    ) as Record<string, string>;
    expect(settings.NATS_URL).toMatch(/^nats:\/\//);
    for (const kind of ['StatefulSet', 'Deployment']) {
      expect(
        ofKind(kind)
          .map((m) => m.metadata.name)
          .filter((name) => /nats|postgres/i.test(name)),
      ).toEqual([]);
    }
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as {
    services: Record<string, ComposeService>;
  };
  const services = compose.services;

  it('defines the five apps, NATS and PostgreSQL, each with a healthcheck', () => {
    expect(Object.keys(services).sort()).toEqual([...APPS, 'nats', 'postgres'].sort());
    for (const [name, service] of Object.entries(services)) {
      expect({ name, test: service.healthcheck?.test }).toMatchObject({ test: expect.anything() });
      expect({ name, restart: service.restart }).toMatchObject({
        restart: expect.stringMatching(/always|unless-stopped|on-failure/),
      });
    }
  });

  it('runs NATS with JetStream and its monitoring port for the healthcheck', () => {
    const nats = services.nats;
    expect(nats.image).toMatch(/^nats:\d/);
    expect(JSON.stringify(nats)).toMatch(/-js/);
    expect(JSON.stringify(nats.healthcheck?.test)).toMatch(/8222\/healthz/);
    expect(services.postgres.image).toMatch(/^postgres:\d/);
    expect(JSON.stringify(services.postgres.healthcheck?.test)).toMatch(/pg_isready/);
  });

  it.each(APPS)(
    'builds %s from the Dockerfile and starts it once NATS and PostgreSQL are healthy',
    (app) => {
      const service = services[app];
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      expect(build?.context).toBe('.');
      expect(build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      expect(service.depends_on).toMatchObject({
        nats: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
      });
      const environment = environmentOf(service);
      expect(environment.APP).toBe(app);
      for (const key of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'NATS_URL', 'PORT'])
        expect({ key, set: Boolean(environment[key]) }).toEqual({ key, set: true });
      // the apps work as a login other than the owner that migrates
      const user = (url: string) => url.replace(/^postgres(ql)?:\/\/([^:@/]+).*$/, '$2');
      expect(user(environment.DATABASE_URL ?? '')).not.toBe(
        user(environment.DATABASE_MIGRATION_URL ?? ''),
      );
      expect(JSON.stringify(service.healthcheck?.test)).toContain('/health/ready');
      if (app === 'gateway') expect(service.ports?.length).toBeGreaterThan(0);
      else expect(service.ports ?? []).toEqual([]);
    },
  );
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages[stages.length - 1];

  it('installs production dependencies with npm ci and runs the last stage as a non-root user', () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const user = /^USER (\S+)/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(0|root)(:|$)/);
  });

  it('names a pinned base image, never latest', () => {
    const images = [...dockerfile.matchAll(/^ARG NODE_IMAGE=(\S+)/gm)].map((match) => match[1]);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^node:\d+[\w.-]*$/);
  });

  it('knows the five apps and starts each from the entry point its npm start script names', () => {
    for (const app of APPS) expect(runtime).toContain(app);
    expect(runtime).toContain('node --enable-source-maps \\"dist/apps/$APP/src/main.js\\"');
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    for (const app of APPS)
      expect(scripts[`start:${app}`]).toContain(`dist/apps/${app}/src/main.js`);
  });

  it('keeps installed output, history and secrets out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    for (const entry of ['node_modules', 'dist', '.git', '.env']) expect(ignored).toContain(entry);
  });
});
