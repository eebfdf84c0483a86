import type { ReactNode } from 'react';
import { circlePath, crossPath, diamondPath } from './particleMath.ts';
import { containerShape, ICONS, type Status } from './status.ts';
import { viewStrings, type ViewKey } from './strings.ts';

function StatusIcon({ status }: { status: Status }) {
  const ic = ICONS[status];
  return (
    <svg className={`cv-lg-svg st-${status}`} width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true">
      <rect className="cv-lg-chip" x="-8" y="-8" width="16" height="16" rx="3" />
      <path className={`cv-icon ${ic.stroke ? 'is-stroke' : 'is-fill'}`} d={ic.d} />
    </svg>
  );
}

function Glyph({ children }: { children: ReactNode }) {
  return (
    <svg className="cv-lg-svg" width="34" height="18" viewBox="0 0 34 18" aria-hidden="true">
      {children}
    </svg>
  );
}

const STATUSES: [Status, ViewKey][] = [
  ['ready', 'lgReady'],
  ['running', 'lgRunning'],
  ['waiting', 'lgWaiting'],
  ['failed', 'lgFailed'],
  ['completed', 'lgCompleted'],
  ['terminating', 'lgTerminating'],
];

/** What the shapes and colours mean; closed by default so it does not cover the drawing. */
export function Legend() {
  const t = viewStrings();
  return (
    <details className="cv-legend">
      <summary className="text-btn">{t('legend')}</summary>
      <div className="cv-legend-body">
        <ul>
          {STATUSES.map(([s, k]) => (
            <li key={s}>
              <StatusIcon status={s} />
              {t(k)}
            </li>
          ))}
        </ul>
        <ul>
          <li>
            <Glyph>
              <path className="cv-lg-ctr role-init" d={containerShape('init', 14, 12)} transform="translate(1,3)" />
              <path className="cv-lg-ctr role-init" d={containerShape('init', 14, 12)} transform="translate(18,3)" />
            </Glyph>
            {t('lgInit')}
          </li>
          <li>
            <Glyph>
              <path className="cv-lg-marker" d="M13,0 L21,0 L17,4.5 Z" />
              <path className="cv-lg-ctr" d={containerShape('init', 22, 11)} transform="translate(6,6)" />
            </Glyph>
            {t('lgCurrent')}
          </li>
          <li>
            <Glyph>
              <path className="cv-lg-ctr" d={containerShape('sidecar', 26, 12)} transform="translate(4,3)" />
            </Glyph>
            {t('lgSidecar')}
          </li>
          <li>
            <Glyph>
              <path className="cv-lg-ctr" d={containerShape('app', 26, 12)} transform="translate(4,3)" />
            </Glyph>
            {t('lgApp')}
          </li>
          <li>
            <Glyph>
              <path className="cv-vol-bar" d="M3,13 H31 M6,13 V9 M28,13 V9" />
            </Glyph>
            {t('lgVolume')}
          </li>
          <li>
            <Glyph>
              <rect className="cv-group-bg" x="1" y="2" width="32" height="14" rx="4" />
            </Glyph>
            {t('lgGroup')}
          </li>
        </ul>
        <ul>
          <li>
            <Glyph>
              <path className="cv-link is-ready is-legend" d="M2,9 H32" />
            </Glyph>
            {t('lgEndpoint')}
          </li>
          <li>
            <Glyph>
              <path className="cv-link is-dropped is-legend" d="M2,9 H32" />
            </Glyph>
            {t('lgEndpointOff')}
          </li>
          <li>
            <Glyph>
              <path className="cv-link is-ready is-legend" d="M2,9 H32" />
              <path className="cv-pt-dot tv-0" d={circlePath(11, 9, 3.4)} />
              <path className="cv-pt-dot tv-1" d={circlePath(23, 9, 3.4)} />
            </Glyph>
            {t('lgRequest')}
          </li>
          <li>
            <Glyph>
              <path className="cv-pt-fail-move" d={diamondPath(8, 9, 4.2)} />
              <path className="cv-pt-fail-ring" d={circlePath(24, 9, 7)} />
              <path className="cv-pt-fail-x" d={crossPath(24, 9, 3.6)} />
            </Glyph>
            {t('lgRequestFailed')}
          </li>
          <li>
            <Glyph>
              <rect className="cv-lg-node is-down" x="1" y="1" width="32" height="16" rx="4" />
            </Glyph>
            {t('lgNodeDown')}
          </li>
          <li>
            <Glyph>
              <rect className="cv-lg-node is-cordoned" x="1" y="1" width="32" height="16" rx="4" />
            </Glyph>
            {t('lgCordoned')}
          </li>
          <li>
            <Glyph>
              <rect className="cv-lg-flash" x="3" y="3" width="28" height="12" rx="3" />
            </Glyph>
            {t('lgRestart')}
          </li>
        </ul>
        <p className="cv-legend-hint">{t('openShellHint')}</p>
      </div>
    </details>
  );
}
