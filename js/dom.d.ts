import type { Explanation, Lang, Resource, Session } from './rolegate.js';

export interface GateOptions {
  /** Language of titles. Default 'en'. */
  lang?: Lang;
  /** 'disable' (aria-disabled + title; default) or 'hide'. */
  mode?: 'hide' | 'disable';
}

export interface GateHandle {
  /** Re-gates every element with another session (`null` hides everything). */
  update(session: Session | null): void;
  /** Stops watching and restores every gated element as it was. */
  disconnect(): void;
}

/** The detail of the `rolegate:denied` event dispatched when a denied element is activated. */
export interface DeniedDetail {
  action: string;
  resource: Resource | undefined;
  explanation: Explanation;
}

/** Gates every element with `data-permission` (and `data-resource-*`) under `root`. */
export function gate(root: Element | Document, session: Session | null, options?: GateOptions): GateHandle;

/** The resource an element names with `data-resource-*` attributes. */
export function resourceOf(element: Element): Resource | undefined;

declare global {
  interface HTMLElementEventMap {
    'rolegate:denied': CustomEvent<DeniedDetail>;
  }
}
