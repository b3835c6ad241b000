import { render } from 'preact';
import '../common/styles.css';
import './host.css';
import { HostApp } from './app';

render(<HostApp />, document.getElementById('app')!);
