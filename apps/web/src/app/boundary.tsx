import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { RouteError } from './status.tsx';

/**
 * Catches what a page throws while rendering — above all a chunk that could not be downloaded —
 * and shows `RouteError` instead of a white page. Going to another address clears it.
 */
class ErrorBoundary extends Component<{ resetKey: string; fullPage?: boolean; children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error !== null) this.setState({ error: null });
  }

  override render(): ReactNode {
    return this.state.error === null ? this.props.children : <RouteError error={this.state.error} fullPage={this.props.fullPage} />;
  }
}

export function Boundary({ fullPage, children }: { fullPage?: boolean; children: ReactNode }) {
  const { pathname } = useLocation();
  return <ErrorBoundary resetKey={pathname} fullPage={fullPage}>{children}</ErrorBoundary>;
}
