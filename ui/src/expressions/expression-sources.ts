/**
 * What the expression editor offers at one card: functions, dynamic content (trigger outputs and the
 * outputs of preceding actions), action names and property keys. Built by the properties panel.
 */
import { createContext } from 'react';
import type { Suggestion } from './autocomplete';

export interface ExpressionSources {
  readonly functions: readonly Suggestion[];
  readonly dynamic: readonly Suggestion[];
  readonly actions: readonly string[];
  propertyKeys(base: string): string[];
}

export const EMPTY_SOURCES: ExpressionSources = { functions: [], dynamic: [], actions: [], propertyKeys: () => [] };

export const ExpressionSourcesContext = createContext<ExpressionSources>(EMPTY_SOURCES);
