import { render } from 'preact';
import '../shared/styles.css';
import './host.css';
import { HostApp } from './app';

render(<HostApp />, document.getElementById('app')!);
